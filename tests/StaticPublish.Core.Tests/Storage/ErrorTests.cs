using Amazon.S3.Model;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Storage;

/// <summary>Each failure kind reaches the user as one coded error that names what failed, never as an SDK stack trace.</summary>
[TestClass]
public sealed class ErrorTests : BucketTestClass<ErrorTests>
{
    private static StorageFixture Fixture => new(Bucket);

    [TestMethod]
    public async Task A_missing_bucket_is_SPUB1001_naming_the_bucket()
    {
        var options = Fixture.Bucket.Server.CreateOptions("sp-does-not-exist-" + Guid.NewGuid().ToString("N")[..8]);
        using var storage = new S3Storage(options);

        var onSave = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => storage.SaveAsync("a.txt", new MemoryStream([1])));
        var onList = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => storage.ListAsync());

        Assert.AreEqual(ErrorCodes.BucketNotFound, onSave.Code);
        Assert.AreEqual(ErrorCodes.BucketNotFound, onList.Code);
        StringAssert.Contains(onSave.Message, $"'{options.BucketName}'");
        StringAssert.Contains(onSave.Message, "Create it");
        Assert.AreEqual(options.BucketName, onSave.Bucket);
        AssertNoStackTrace(onSave);
    }

    [TestMethod]
    public async Task Access_denied_is_SPUB1002_naming_the_key_and_the_permission()
    {
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":["*"]},"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::{{Fixture.Bucket.BucketName}}/denied/*"]}]}
            """;
        await Fixture.Bucket.Client.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = Fixture.Bucket.BucketName, Policy = policy });
        var options = Fixture.Bucket.CreateOptions();
        using var storage = new S3Storage(options);
        await storage.SaveAsync("denied/secret.txt", new MemoryStream([1]));

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => storage.OpenAsync("denied/secret.txt"));

        Assert.AreEqual(ErrorCodes.AccessDenied, error.Code, error.Message);
        StringAssert.Contains(error.Message, "'denied/secret.txt'");
        StringAssert.Contains(error.Message, "s3:GetObject");
        AssertNoStackTrace(error);
    }

    [TestMethod]
    [DataRow(1000, DisplayName = "1,000 bytes")]
    [DataRow(64 * 1024, DisplayName = "64 KiB, the largest body sent without waiting for 100 Continue")]
    [DataRow(64 * 1024 + 1, DisplayName = "64 KiB + 1, which waits")]
    public async Task A_refused_put_whose_body_went_without_100_Continue_leaves_the_connections_usable(int size)
    {
        // The store refuses these PUTs before it reads their bodies, which were sent at once with the headers.
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":["*"]},"Action":["s3:PutObject"],"Resource":["arn:aws:s3:::{{Fixture.Bucket.BucketName}}/refused-{{size}}/*"]}]}
            """;
        await Fixture.Bucket.Client.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = Fixture.Bucket.BucketName, Policy = policy });
        using var storage = new S3Storage(Fixture.Bucket.CreateOptions());
        var body = Bytes.Random(size, seed: size);

        for (var round = 0; round < 3; round++)
        {
            var refused = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => storage.SaveAsync($"refused-{size}/{round}.bin", new MemoryStream(body)));
            Assert.AreEqual(ErrorCodes.AccessDenied, refused.Code, refused.Message);

            var key = $"accepted-{size}/{round}.bin";
            await storage.SaveAsync(key, new MemoryStream(body));
            await using var opened = await storage.OpenAsync(key);
            CollectionAssert.AreEqual(body, await Bytes.ReadAllAsync(opened));
        }
    }

    [TestMethod]
    [DataRow(false, DisplayName = "wrong secret key")]
    [DataRow(true, DisplayName = "unknown access key")]
    public async Task Wrong_credentials_are_SPUB1004(bool unknownAccessKey)
    {
        using var storage = Fixture.Storage(o =>
        {
            o.SecretKey = "not-the-secret-key";
            if (unknownAccessKey)
            {
                o.AccessKey = "no-such-access-key";
            }
        });

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => storage.ListAsync());

        Assert.AreEqual(ErrorCodes.InvalidCredentials, error.Code, error.Message);
        StringAssert.Contains(error.Message, unknownAccessKey ? "InvalidAccessKeyId" : "SignatureDoesNotMatch");
        AssertNoStackTrace(error);
    }

    [TestMethod]
    public async Task An_unreachable_endpoint_is_SPUB1003_naming_the_endpoint()
    {
        var options = Fixture.Options(o => o.EndpointUrl = "http://127.0.0.1:9");
        using var storage = new S3Storage(options, S3ClientFactory.CreateClient(options));

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => storage.ExistsAsync("a.txt"));

        Assert.AreEqual(ErrorCodes.EndpointUnreachable, error.Code, error.Message);
        StringAssert.Contains(error.Message, "http://127.0.0.1:9");
        StringAssert.Contains(error.Message, "connection refused");
        AssertNoStackTrace(error);
    }

    [TestMethod]
    public void A_bad_cloudfront_key_is_SPUB2002_at_construction()
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(() => new S3Storage(Fixture.Options(o =>
        {
            o.CustomDomain = "cdn.example.com";
            o.CloudFrontKeyPairId = "K2JCJMDEHXQW5F";
            o.CloudFrontPrivateKeyPem = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----";
        })));

        Assert.AreEqual(ErrorCodes.InvalidPrivateKey, error.Code);
        StringAssert.Contains(error.Message, "CloudFrontPrivateKeyPem");
    }

    [TestMethod]
    public void A_missing_profile_is_SPUB1009_naming_the_profile()
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(() => new S3Storage(new S3StorageOptions
        {
            BucketName = "assets",
            Profile = "no-such-profile-" + Guid.NewGuid().ToString("N")[..6],
        }));

        Assert.AreEqual(ErrorCodes.CredentialsNotFound, error.Code);
        StringAssert.Contains(error.Message, "no-such-profile-");
    }

    private static void AssertNoStackTrace(StaticPublishException error)
    {
        Assert.IsFalse(error.Message.Contains("   at ", StringComparison.Ordinal), "the message carries no stack trace");
        Assert.IsFalse(error.ToString().Contains("   at ", StringComparison.Ordinal), "ToString is the code and the message only");
        Assert.StartsWith(error.Code + ": ", error.ToString());
    }
}
