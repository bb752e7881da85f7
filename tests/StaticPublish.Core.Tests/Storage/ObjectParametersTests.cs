using Amazon.S3.Model;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Storage;

[TestClass]
public sealed class ObjectParametersTests : BucketTestClass<ObjectParametersTests>
{
    private static StorageFixture Fixture => new(Bucket);
    private static readonly HttpClient Http = new();

    [TestMethod]
    public async Task Object_parameters_land_on_the_object_as_headers_metadata_and_tags()
    {
        using var storage = Fixture.Storage(o => o.ObjectParameters = new S3ObjectParameters
        {
            CacheControl = "public, max-age=86400",
            ContentDisposition = "attachment; filename=\"report.pdf\"",
            StorageClass = "STANDARD",
            Metadata = new Dictionary<string, string> { ["origin"] = "tests", ["build"] = "42" },
            Tagging = new Dictionary<string, string> { ["team"] = "web", ["tier"] = "static" },
        });

        await storage.SaveAsync("files/report.pdf", new MemoryStream(Bytes.Random(300)));

        var key = storage.GetKey("files/report.pdf");
        var head = await Fixture.Bucket.Client.GetObjectMetadataAsync(Fixture.Bucket.BucketName, key);
        Assert.AreEqual("public, max-age=86400", head.Headers.CacheControl);
        Assert.AreEqual("attachment; filename=\"report.pdf\"", head.Headers.ContentDisposition);
        Assert.AreEqual("application/pdf", head.Headers.ContentType);
        Assert.AreEqual("tests", head.Metadata["origin"]);
        Assert.AreEqual("42", head.Metadata["build"]);
        var tags = await Fixture.Bucket.Client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = Fixture.Bucket.BucketName, Key = key });
        CollectionAssert.AreEquivalent(new[] { "team=web", "tier=static" }, tags.Tagging.Select(t => $"{t.Key}={t.Value}").ToArray());
    }

    [TestMethod]
    public async Task The_override_hook_varies_parameters_per_name()
    {
        using var storage = Fixture.Storage(o =>
        {
            o.ObjectParameters = new S3ObjectParameters { CacheControl = "max-age=60" };
            o.ObjectParametersOverride = (name, defaults) => name.EndsWith(".css", StringComparison.Ordinal)
                ? defaults with { CacheControl = "public, max-age=31536000, immutable" }
                : defaults;
        });

        await storage.SaveAsync("a.css", new MemoryStream(Bytes.Css(5)));
        await storage.SaveAsync("a.txt", new MemoryStream([1]));

        var css = await Fixture.Bucket.Client.GetObjectMetadataAsync(Fixture.Bucket.BucketName, storage.GetKey("a.css"));
        var txt = await Fixture.Bucket.Client.GetObjectMetadataAsync(Fixture.Bucket.BucketName, storage.GetKey("a.txt"));
        Assert.AreEqual("public, max-age=31536000, immutable", css.Headers.CacheControl);
        Assert.AreEqual("max-age=60", txt.Headers.CacheControl);
    }

    [TestMethod]
    public async Task Default_acl_public_read_makes_the_object_readable_anonymously()
    {
        using var publicStorage = Fixture.Storage(o => { o.DefaultAcl = "public-read"; o.QuerystringAuth = false; });
        using var privateStorage = Fixture.Storage(o => o.QuerystringAuth = false);
        var data = Bytes.Random(64);
        await publicStorage.SaveAsync("open.bin", new MemoryStream(data));
        await privateStorage.SaveAsync("closed.bin", new MemoryStream(data));

        using var open = await Http.GetAsync(new Uri(publicStorage.Url("open.bin")));
        using var closed = await Http.GetAsync(new Uri(privateStorage.Url("closed.bin")));

        Assert.AreEqual(System.Net.HttpStatusCode.OK, open.StatusCode);
        CollectionAssert.AreEqual(data, await open.Content.ReadAsByteArrayAsync());
        Assert.AreEqual(System.Net.HttpStatusCode.Forbidden, closed.StatusCode, "no ACL by default: anonymous reads are refused");
    }

    [TestMethod]
    public async Task Server_side_encryption_with_kms_is_requested_and_stored()
    {
        using var storage = Fixture.Storage(o => o.ObjectParameters = new S3ObjectParameters
        {
            ServerSideEncryption = S3ServerSideEncryption.Kms,
            KmsKeyId = "testkey-1",
        });
        var data = Bytes.Random(2048);

        await storage.SaveAsync("secret.bin", new MemoryStream(data));

        var head = await Fixture.Bucket.Client.GetObjectMetadataAsync(Fixture.Bucket.BucketName, storage.GetKey("secret.bin"));
        Assert.AreEqual("aws:kms", head.ServerSideEncryptionMethod?.Value);
        Assert.AreEqual("testkey-1", head.ServerSideEncryptionKeyManagementServiceKeyId);
        await using var opened = await storage.OpenAsync("secret.bin");
        CollectionAssert.AreEqual(data, await Bytes.ReadAllAsync(opened));
    }
}
