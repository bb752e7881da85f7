using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.Core.Errors;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests;

[TestClass]
public sealed class DoctorTests : BucketTestClass<DoctorTests>
{
    [ClassInitialize]
    public static async Task InitializeAsync(TestContext _)
    {
        // As a publish leaves the bucket: cross-origin GETs allowed, which doctor checks.
        var init = await Tool.RunAsync(Bucket.EnvironmentVariables, "init-bucket", "--origin", "*");
        Assert.AreEqual(0, init.ExitCode, init.ToString());
    }

    [TestMethod]
    public async Task Doctor_passes_every_round_trip_against_the_local_server_and_explains_its_checksums()
    {
        var prefix = UniqueNames.Prefix("doctor");
        var stepSummary = Path.Combine(Path.GetTempPath(), $"sp-doctor-{Guid.NewGuid():N}.md");
        try
        {
            var result = await Tool.RunAsync(Tool.Environment(Bucket.EnvironmentVariables, ("GITHUB_STEP_SUMMARY", stepSummary)), "doctor", "--prefix", prefix);

            Assert.AreEqual(0, result.ExitCode, result.ToString());
            var checks = result.Lines.Where(l => l.StartsWith("ok ", StringComparison.Ordinal)).Select(l => l[6..].Split("  ")[0].Trim()).ToList();
            CollectionAssert.AreEqual(
                new[] { "configuration", "addressing", "bucket", "PUT", "HEAD", "GET", "presigned GET", "clock skew", "CORS", "DELETE", "checksums" }, checks, result.ToString());
            StringAssert.Contains(result.Output, "path-style (automatic with a custom endpoint)");
            StringAssert.Contains(result.Output, "rejects the SDK's default aws-chunked checksum trailers (XAmzContentSHA256Mismatch)");
            CollectionAssert.Contains(result.Lines, "diagnosis: aws-chunked trailers rejected");
            StringAssert.Contains(result.Output, "fix: use request checksums when required");
            StringAssert.Contains(result.Output, "the store's clock agrees with this machine's");
            StringAssert.StartsWith(result.Lines[^1], $"StaticPublish doctor: 11 checks, 11 passed, 0 warnings, 0 failed, 0 skipped (bucket '{Bucket.BucketName}' at ");
            Assert.IsEmpty(await Bucket.ListKeysAsync(prefix + "/"), "the probe objects are deleted");
            StringAssert.Contains(await File.ReadAllTextAsync(stepSummary), "| check | result | detail |");
        }
        finally
        {
            File.Delete(stepSummary);
        }
    }

    [TestMethod]
    public async Task With_SDK_default_checksums_doctor_fails_with_the_diagnosis_and_the_fix()
    {
        // The test bucket's variables set AWS_REQUEST_CHECKSUM_CALCULATION, which would turn the SDK defaults off again.
        var environment = Tool.Environment(Bucket.EnvironmentVariables);
        environment.Remove("AWS_REQUEST_CHECKSUM_CALCULATION");
        environment.Remove("AWS_RESPONSE_CHECKSUM_VALIDATION");

        var result = await Tool.RunAsync(environment, "doctor", "--prefix", UniqueNames.Prefix("doctor"), "--checksums-when-required", "false");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.IsTrue(result.Lines.Any(l => l.StartsWith("FAIL  checksums", StringComparison.Ordinal) && l.Contains(ErrorCodes.ChecksumRejected, StringComparison.Ordinal)), result.ToString());
        StringAssert.Contains(result.Output, "diagnosis: aws-chunked trailers rejected");
        StringAssert.Contains(result.Output, "fix: use request checksums when required");
        StringAssert.Contains(result.Error, $"staticpublish: error {ErrorCodes.ChecksumRejected}: The checksums check failed");
    }

    [TestMethod]
    public async Task A_missing_bucket_fails_doctor_with_init_bucket_as_the_fix()
    {
        var environment = Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_BUCKET", "sp-missing-" + Guid.NewGuid().ToString("N")[..12]));

        var result = await Tool.RunAsync(environment, "doctor");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.IsTrue(result.Lines.Any(l => l.StartsWith("FAIL  bucket", StringComparison.Ordinal)), result.ToString());
        StringAssert.Contains(result.Output, "fix: create it with 'staticpublish init-bucket'");
        Assert.HasCount(8, result.Lines.Where(l => l.StartsWith("skip ", StringComparison.Ordinal)), "PUT and every check after it");
        StringAssert.Contains(result.Error, $"error {ErrorCodes.BucketNotFound}:");
    }

    [TestMethod]
    public async Task An_unreachable_endpoint_fails_doctor_with_SPUB1003()
    {
        var result = await Tool.RunAsync(Bucket.EnvironmentVariables, "doctor", "--endpoint", "http://127.0.0.1:9");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"error {ErrorCodes.EndpointUnreachable}:");
        StringAssert.Contains(result.Output, "fix: check the endpoint URL");
    }
}
