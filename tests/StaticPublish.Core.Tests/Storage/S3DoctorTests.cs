using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;

namespace StaticPublish.Core.Tests.Storage;

[TestClass]
public sealed class S3DoctorTests
{
    private static StorageFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext _)
    {
        _fixture = await StorageFixture.CreateAsync("sp-doctor");

        // As a publish (or init-bucket) leaves it: cross-origin GETs allowed.
        using var storage = _fixture.Storage();
        await S3BucketCors.EnsureAsync(storage, ["*"]);
    }

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        if (_fixture is not null)
        {
            await _fixture.Bucket.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task The_local_server_passes_every_round_trip_and_the_probe_objects_are_removed()
    {
        using var storage = _fixture.Storage();

        var report = await S3Doctor.RunAsync(storage);

        Assert.IsTrue(report.IsHealthy, string.Join(Environment.NewLine, report.Checks));
        CollectionAssert.AreEqual(
            new[] { "configuration", "addressing", "bucket", "PUT", "HEAD", "GET", "presigned GET", "clock skew", "CORS", "DELETE", "checksums" },
            report.Checks.Select(c => c.Name).ToArray());
        Assert.IsTrue(report.Checks.All(c => c.Status == S3DoctorStatus.Passed), string.Join(Environment.NewLine, report.Checks));
        Assert.AreEqual("path-style (automatic with a custom endpoint)", report.Checks.Single(c => c.Name == "addressing").Detail);
        var checksums = report.Checks.Single(c => c.Name == "checksums");
        StringAssert.Contains(checksums.Detail, "rejects the SDK's default aws-chunked checksum trailers (XAmzContentSHA256Mismatch)");
        Assert.AreEqual("aws-chunked trailers rejected", checksums.Diagnosis);
        StringAssert.StartsWith(checksums.Fix, "use request checksums when required");
        StringAssert.Contains(report.Checks.Single(c => c.Name == "clock skew").Detail, "clock");
        StringAssert.Contains(report.Checks.Single(c => c.Name == "CORS").Detail, "allows https://staticpublish-check.example (Access-Control-Allow-Origin: *)");
        StringAssert.StartsWith(report.Summary, "StaticPublish doctor: 11 checks, 11 passed, 0 warnings, 0 failed, 0 skipped");
        Assert.IsEmpty(await _fixture.Bucket.ListKeysAsync(storage.GetKey(S3Doctor.ProbeFolder)), "no probe object is left behind");
    }

    [TestMethod]
    public async Task SDK_default_checksums_fail_with_the_aws_chunked_diagnosis_and_its_fix()
    {
        using var storage = _fixture.Storage(o => o.ChecksumsWhenRequired = false);

        var report = await S3Doctor.RunAsync(storage);

        Assert.IsFalse(report.IsHealthy);
        var failure = report.FirstFailure!;
        Assert.AreEqual("checksums", failure.Name, "StaticPublish's own PUTs never stream checksums, so only the SDK-default probe fails");
        Assert.AreEqual(ErrorCodes.ChecksumRejected, failure.ErrorCode);
        StringAssert.StartsWith(failure.Diagnosis, "aws-chunked trailers rejected");
        StringAssert.StartsWith(failure.Fix, "use request checksums when required");
        Assert.HasCount(1, report.Checks.Where(c => c.Status == S3DoctorStatus.Failed));
    }

    [TestMethod]
    public async Task A_missing_bucket_is_diagnosed_with_init_bucket_as_the_fix()
    {
        using var storage = new S3Storage(_fixture.Bucket.Server.CreateOptions("sp-missing-" + Guid.NewGuid().ToString("N")[..10]));

        var report = await S3Doctor.RunAsync(storage);

        var bucket = report.FirstFailure!;
        Assert.AreEqual("bucket", bucket.Name);
        Assert.AreEqual(ErrorCodes.BucketNotFound, bucket.ErrorCode);
        StringAssert.Contains(bucket.Fix, "staticpublish init-bucket");
        Assert.AreEqual(8, report.Checks.Count(c => c.Status == S3DoctorStatus.Skipped), "PUT and every check after it");
    }

    [TestMethod]
    public async Task With_a_release_published_the_cors_check_asks_for_one_of_its_objects()
    {
        using var storage = _fixture.Storage();
        var tree = Directory.CreateTempSubdirectory("sp-doctor-assets-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(tree.FullName, "site.css"), "body{color:red}");
            var result = await new StaticPublish.Core.Publishing.StaticAssetPublisher().PublishDirectoryAsync(tree.FullName,
                new StaticPublish.Core.Publishing.StaticPublishOptions { Storage = storage.Options });

            var report = await S3Doctor.RunAsync(storage);

            var cors = report.Checks.Single(c => c.Name == "CORS");
            Assert.AreEqual(S3DoctorStatus.Passed, cors.Status, cors.Detail);
            StringAssert.Contains(cors.Detail, result.Manifest.Assets["site.css"].Key, "the published object, not the probe");
        }
        finally
        {
            tree.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task A_bucket_without_cors_fails_the_cors_check_with_its_code_and_fix_unless_the_check_is_off()
    {
        await using var bucket = await _fixture.Bucket.Server.CreateBucketAsync("sp-nocors");
        using var storage = new S3Storage(bucket.CreateOptions("doctor"));

        var report = await S3Doctor.RunAsync(storage, "https://app.example.com");
        var off = await S3Doctor.RunAsync(storage, corsOrigin: null);

        var cors = report.FirstFailure!;
        Assert.AreEqual("CORS", cors.Name);
        Assert.AreEqual(ErrorCodes.CorsCheckFailed, cors.ErrorCode);
        StringAssert.Contains(cors.Detail, "sent no Access-Control-Allow-Origin to a GET from https://app.example.com");
        StringAssert.Contains(cors.Fix, "init-bucket --origin");
        Assert.IsTrue(off.IsHealthy, string.Join(Environment.NewLine, off.Checks));
        Assert.AreEqual(S3DoctorStatus.Skipped, off.Checks.Single(c => c.Name == "CORS").Status);
    }

    [TestMethod]
    public async Task Unreachable_endpoints_and_wrong_keys_fail_with_their_codes()
    {
        using var unreachable = _fixture.Storage(o => o.EndpointUrl = "http://127.0.0.1:9");
        using var virtualHosted = _fixture.Storage(o =>
        {
            o.EndpointUrl = "http://127.0.0.1:9";
            o.AddressingStyle = S3AddressingStyle.Virtual;
        });
        using var badKeys = _fixture.Storage(o => o.SecretKey = "wrong");

        var noServer = (await S3Doctor.RunAsync(unreachable)).FirstFailure!;
        var noHost = (await S3Doctor.RunAsync(virtualHosted)).FirstFailure!;
        var denied = (await S3Doctor.RunAsync(badKeys)).FirstFailure!;

        Assert.AreEqual(ErrorCodes.EndpointUnreachable, noServer.ErrorCode, noServer.Detail);
        StringAssert.Contains(noServer.Fix, "check the endpoint URL");
        StringAssert.Contains(noHost.Fix, "use path-style addressing");
        Assert.AreEqual(ErrorCodes.InvalidCredentials, denied.ErrorCode, denied.Detail);
        StringAssert.Contains(denied.Fix, "AWS_ACCESS_KEY_ID");
    }
}
