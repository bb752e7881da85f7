using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.Testing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Storage;

/// <summary>What goes over the wire to an S3-compatible store, seen through a recording proxy.</summary>
[TestClass]
public sealed class TransportTests : BucketTestClass<TransportTests>
{
    private static StorageFixture Fixture => new(Bucket);

    [TestMethod]
    public async Task Every_put_goes_through_the_proxy_with_Content_MD5_and_no_checksum_trailer()
    {
        await using var proxy = new RecordingProxy();
        using var storage = Fixture.Storage(o =>
        {
            o.ProxyUrl = proxy.Url;
            o.MultipartThreshold = 5L * 1024 * 1024;
            o.MultipartPartSize = 5L * 1024 * 1024;
        });
        var small = Bytes.Random(1000);
        var large = Bytes.Random(6 * 1024 * 1024, seed: 5);

        await storage.SaveAsync("small.bin", new MemoryStream(small));
        await storage.SaveAsync("large.bin", new MemoryStream(large));

        var puts = proxy.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.HasCount(3, puts, "one PutObject and two UploadPart requests");
        foreach (var put in puts)
        {
            Assert.IsTrue(put.Headers.ContainsKey("Content-MD5"), $"PUT {put.PathAndQuery} carries Content-MD5");
            Assert.IsFalse(put.Headers.ContainsKey("x-amz-trailer"), "no aws-chunked checksum trailer");
            Assert.IsFalse(put.Headers.TryGetValue("x-amz-content-sha256", out var sha) && sha.StartsWith("STREAMING", StringComparison.Ordinal),
                "the payload is signed whole, not streamed in chunks");
            Assert.IsFalse(put.Headers.Keys.Any(k => k.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase)), "no request checksum header");
        }

        var single = puts.Single(p => !p.PathAndQuery.Contains("uploadId", StringComparison.Ordinal));
        // Only a body over 64 KiB waits for 100 Continue, so a refusal saves sending it: here the two parts (5 MiB and
        // 1 MiB), not the 1,000-byte object.
        var waiting = puts.Where(p => p.Headers.GetValueOrDefault("Expect") == "100-continue").Select(p => p.Headers["Content-Length"]).Order().ToList();
        CollectionAssert.AreEqual(new[] { "1048576", "5242880" }, waiting);

        Assert.AreEqual(Convert.ToBase64String(MD5.HashData(small)), single.Headers["Content-MD5"]);
        Assert.AreEqual(Convert.ToHexString(SHA256.HashData(small)).ToLowerInvariant(), single.Headers["x-amz-content-sha256"]);
        await using var opened = await storage.OpenAsync("large.bin");
        CollectionAssert.AreEqual(large, await Bytes.ReadAllAsync(opened));
    }

    [TestMethod]
    public async Task Disposing_a_storage_disposes_its_HTTP_client_and_connection_pool()
    {
        // App code may make a storage per unit of work (as django-storages users make a Storage): each one's pool of
        // connections must end with it, not linger until its idle timeout.
        var storage = Fixture.Storage();
        Assert.IsFalse(await storage.ExistsAsync("no-such-key"), "a request opened a pooled connection");
        var config = storage.Store.Client.Config;
        var http = config.HttpClientFactory.CreateHttpClient(config);

        storage.Dispose();

        await Assert.ThrowsExactlyAsync<ObjectDisposedException>(() => http.GetAsync(new Uri(Bucket.Server.Settings.Endpoint, "/")));
    }

    [TestMethod]
    public async Task The_SDK_default_checksum_trailer_is_rejected_by_the_strict_server_and_maps_to_SPUB1007()
    {
        // This is why ChecksumsWhenRequired defaults to on for custom endpoints.
        using var sdkDefaults = S3ClientFactory.CreateClient(Fixture.Options(o => o.ChecksumsWhenRequired = false));
        using var whenRequired = S3ClientFactory.CreateClient(Fixture.Options());
        var bucket = Fixture.Bucket.BucketName;
        PutObjectRequest Request() => new() { BucketName = bucket, Key = "trailer/" + Guid.NewGuid(), InputStream = new MemoryStream(Bytes.Random(100)) };

        var rejected = await Assert.ThrowsAsync<AmazonS3Exception>(() => sdkDefaults.PutObjectAsync(Request()));
        await whenRequired.PutObjectAsync(Request());

        Assert.AreEqual("XAmzContentSHA256Mismatch", rejected.ErrorCode);
        var translated = S3ErrorTranslator.Translate(rejected, new S3CallContext("PutObject", "http://127.0.0.1", bucket, "trailer.bin"));
        Assert.AreEqual(ErrorCodes.ChecksumRejected, translated.Code);
        StringAssert.Contains(translated.Message, "ChecksumsWhenRequired");
    }

    [TestMethod]
    public async Task Sse_aes256_is_requested_on_the_wire()
    {
        // RGW 16 accepts but does not apply SSE-S3 without a key server, so the request itself is what can be checked.
        await using var proxy = new RecordingProxy();
        using var storage = Fixture.Storage(o =>
        {
            o.ProxyUrl = proxy.Url;
            o.ObjectParameters = new S3ObjectParameters { ServerSideEncryption = S3ServerSideEncryption.Aes256 };
        });

        await storage.SaveAsync("sse.bin", new MemoryStream(Bytes.Random(10)));

        var put = proxy.Requests.Single(r => r.Method == "PUT");
        Assert.AreEqual("AES256", put.Headers["x-amz-server-side-encryption"]);
    }

    [TestMethod]
    public void Client_configuration_follows_the_options()
    {
        var custom = S3ClientFactory.CreateConfig(Fixture.Options());
        var aws = S3ClientFactory.CreateConfig(new S3StorageOptions { BucketName = "assets", Region = "eu-west-1" });
        var proxied = S3ClientFactory.CreateConfig(Fixture.Options(o => o.ProxyUrl = "http://127.0.0.1:3128"));

        Assert.IsTrue(custom.ForcePathStyle);
        Assert.AreEqual(Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED, custom.RequestChecksumCalculation);
        Assert.AreEqual(Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED, custom.ResponseChecksumValidation);
        Assert.IsFalse(aws.ForcePathStyle);
        Assert.AreEqual("eu-west-1", aws.RegionEndpoint.SystemName);
        Assert.AreNotEqual(Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED, aws.RequestChecksumCalculation);
        Assert.IsNotNull(proxied.HttpClientFactory);
    }
}
