using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests;

[TestClass]
public sealed class VerifyTests : BucketTestClass<VerifyTests>
{
    [TestMethod]
    public async Task A_fresh_publish_verifies_shallow_and_deep_with_a_step_summary()
    {
        using var folder = AssetFolder.Plain();
        var (manifestPath, _) = await PublishAsync(folder);
        var stepSummary = Path.Combine(folder.Root, "summary.md");

        var shallow = await Tool.RunAsync(Bucket.EnvironmentVariables, "verify", manifestPath);
        var deep = await Tool.RunAsync(Tool.Environment(Bucket.EnvironmentVariables, ("GITHUB_STEP_SUMMARY", stepSummary)), "verify", manifestPath, "--deep");

        Assert.AreEqual(0, shallow.ExitCode, shallow.ToString());
        StringAssert.Matches(shallow.Lines[^1], new(@"^StaticPublish verify: 10 objects \([0-9.]+ K?B\), 10 match, 0 mismatched, [0-9.]+ s$"), "five entries under two names each");
        StringAssert.Contains(shallow.Output, "cors ok: ", "a cross-origin GET is part of verify");
        Assert.AreEqual(0, deep.ExitCode, deep.ToString());
        StringAssert.StartsWith(deep.Lines[^1], "StaticPublish verify (deep): 10 objects");
        Assert.IsTrue(deep.Lines.Any(l => l.StartsWith("downloaded [10/10 files, ", StringComparison.Ordinal)), "plain progress ends at the totals: " + deep);
        var markdown = await File.ReadAllTextAsync(stepSummary);
        StringAssert.Contains(markdown, "### StaticPublish verify (deep)");
        StringAssert.Contains(markdown, "| 10 | 10 | 0 |");
    }

    [TestMethod]
    public async Task A_deleted_object_fails_verify_with_exit_code_1_the_list_and_SPUB1011()
    {
        using var folder = AssetFolder.Plain();
        var (manifestPath, manifest) = await PublishAsync(folder);
        var logo = manifest.Assets["img/logo.svg"];
        await Bucket.Client.DeleteObjectAsync(Bucket.BucketName, logo.Key);

        var result = await Tool.RunAsync(Bucket.EnvironmentVariables, "verify", manifestPath);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        CollectionAssert.Contains(result.Lines, $"mismatch: {logo.Key}: missing from the bucket");
        StringAssert.Contains(result.Output, "9 match, 1 mismatched");
        StringAssert.Contains(result.Error, $"staticpublish: error {ErrorCodes.VerificationFailed}: 1 of 10 objects in bucket '{Bucket.BucketName}' do not match the manifest '{manifestPath}'");
    }

    [TestMethod]
    public async Task ABucket_that_does_not_answer_cors_fails_verify_with_SPUB1014_and_the_fix_unless_cors_is_off()
    {
        // CORS is per bucket: this one never gets a rule, because its publish has CORS off.
        await using var bucket = await TestServer.CreateBucketAsync("sp-cli-nocors");
        using var folder = AssetFolder.Plain();
        var manifestPath = Path.Combine(folder.Root, AssetManifest.FileName);
        var environment = Tool.Environment(bucket.EnvironmentVariables, ("STATICPUBLISH_CORS", "false"));
        var publish = await Tool.RunAsync(environment, "publish", folder.Assets, "--manifest", manifestPath);

        var result = await Tool.RunAsync(bucket.EnvironmentVariables, "verify", manifestPath, "--cors-origin", "https://app.example.com");
        var off = await Tool.RunAsync(environment, "verify", manifestPath);

        Assert.AreEqual(0, publish.ExitCode, publish.ToString());
        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "cors FAIL: ");
        StringAssert.Contains(result.Error, $"staticpublish: error {ErrorCodes.CorsCheckFailed}: Browsers on other origins cannot use the assets of '{manifestPath}'");
        StringAssert.Contains(result.Error, "sent no Access-Control-Allow-Origin to a GET from https://app.example.com");
        StringAssert.Contains(result.Error, "init-bucket --origin");
        Assert.AreEqual(0, off.ExitCode, "with STATICPUBLISH_CORS=false the check is not made: " + off);
    }

    [TestMethod]
    public async Task A_changed_header_fails_verify_and_changed_bytes_of_the_same_size_fail_only_deep_verify()
    {
        using var folder = AssetFolder.Plain();
        var (manifestPath, manifest) = await PublishAsync(folder);
        var css = manifest.Assets["css/site.css"];
        var json = manifest.Assets["data/config.json"];
        await Bucket.Client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = Bucket.BucketName,
            SourceKey = css.Key,
            DestinationBucket = Bucket.BucketName,
            DestinationKey = css.Key,
            MetadataDirective = S3MetadataDirective.REPLACE,
            ContentType = "text/plain",
            Headers = { CacheControl = css.CacheControl, ContentEncoding = css.ContentEncoding },
        });

        var headerChanged = await Tool.RunAsync(Bucket.EnvironmentVariables, "verify", manifestPath);

        Assert.AreEqual(1, headerChanged.ExitCode, headerChanged.ToString());
        CollectionAssert.Contains(headerChanged.Lines, $"mismatch: {css.Key}: Content-Type is 'text/plain', the manifest says 'text/css'");

        await Bucket.Client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = Bucket.BucketName,
            SourceKey = css.Key,
            DestinationBucket = Bucket.BucketName,
            DestinationKey = css.Key,
            MetadataDirective = S3MetadataDirective.REPLACE,
            ContentType = css.ContentType,
            Headers = { CacheControl = css.CacheControl, ContentEncoding = css.ContentEncoding },
        });
        var original = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(folder.PathOf("data/config.json")));
        await Bucket.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket.BucketName,
            Key = json.Key,
            ContentType = json.ContentType,
            Headers = { CacheControl = json.CacheControl },
            ContentBody = original.Replace("true", "fals", StringComparison.Ordinal),
            UseChunkEncoding = false,
        });

        var shallow = await Tool.RunAsync(Bucket.EnvironmentVariables, "verify", manifestPath);
        var deep = await Tool.RunAsync(Bucket.EnvironmentVariables, "verify", manifestPath, "--deep");

        Assert.AreEqual(0, shallow.ExitCode, "same size and headers pass a shallow verify: " + shallow);
        Assert.AreEqual(1, deep.ExitCode, deep.ToString());
        Assert.IsTrue(deep.Lines.Any(l => l.StartsWith($"mismatch: {json.Key}: integrity is 'sha256-", StringComparison.Ordinal)), deep.ToString());
        StringAssert.Contains(deep.Error, ErrorCodes.VerificationFailed);
    }

    [TestMethod]
    public async Task A_missing_manifest_is_SPUB2005()
    {
        var result = await Tool.RunAsync(Bucket.EnvironmentVariables, "verify", Path.Combine(Path.GetTempPath(), "no-such-dir", AssetManifest.FileName));

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"error {ErrorCodes.ManifestUnreadable}: The StaticPublish manifest");
    }

    private static async Task<(string Path, AssetManifest Manifest)> PublishAsync(AssetFolder folder)
    {
        var manifestPath = Path.Combine(folder.Root, AssetManifest.FileName);
        var publish = await Tool.RunAsync(Bucket.EnvironmentVariables, "publish", folder.Assets, "--prefix", UniqueNames.Prefix("verify"), "--manifest", manifestPath);
        Assert.AreEqual(0, publish.ExitCode, publish.ToString());
        return (manifestPath, AssetManifestReader.Read(manifestPath));
    }
}
