using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests;

[TestClass]
public sealed class InitBucketTests : BucketTestClass<InitBucketTests>
{
    private static readonly HttpClient Http = new();
    [TestMethod]
    public async Task Init_bucket_creates_opens_the_prefix_sets_CORS_idempotently_and_closes_it_again()
    {
        var bucket = "sp-cli-new-" + Guid.NewGuid().ToString("N")[..12];
        var environment = Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_BUCKET", bucket), ("STATICPUBLISH_PREFIX", "static"));
        try
        {
            var first = await Tool.RunAsync(environment, "init-bucket", "--public", "--origin", "https://www.example.com", "--origin", "https://app.example.com/");
            var second = await Tool.RunAsync(environment, "init-bucket", "--public", "--origin", "https://app.example.com;https://www.example.com");

            Assert.AreEqual(0, first.ExitCode, first.ToString());
            CollectionAssert.AreEqual(
                new[]
                {
                    $"created bucket '{bucket}'",
                    $"made 'static/' in bucket '{bucket}' public-read",
                    $"allowed GET and HEAD from https://app.example.com, https://www.example.com on bucket '{bucket}' (CORS for fonts, modules and integrity-checked CSS and JS)",
                },
                first.Lines[..^1]);
            Assert.AreEqual(0, second.ExitCode, second.ToString());
            Assert.AreEqual($"StaticPublish init-bucket: bucket '{bucket}' is ready ('static/' public-read, CORS for https://app.example.com, https://www.example.com), no changes",
                second.Lines.Single());

            await Bucket.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "static/site.css", ContentBody = "body{}", UseChunkEncoding = false });
            await Bucket.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "private/notes.txt", ContentBody = "secret", UseChunkEncoding = false });
            Assert.AreEqual(HttpStatusCode.OK, await AnonymousGetAsync(bucket, "static/site.css"), "the prefix is public");
            Assert.AreEqual(HttpStatusCode.Forbidden, await AnonymousGetAsync(bucket, "private/notes.txt"), "the rest of the bucket is not");
            var rule = (await Bucket.Client.GetCORSConfigurationAsync(bucket)).Configuration.Rules.Single(r => r.Id == S3BucketCors.RuleId);
            CollectionAssert.AreEquivalent(new[] { "https://app.example.com", "https://www.example.com" }, rule.AllowedOrigins);

            var closed = await Tool.RunAsync(environment, "init-bucket", "--private");

            Assert.AreEqual(0, closed.ExitCode, closed.ToString());
            Assert.AreEqual($"made bucket '{bucket}' private (removed StaticPublish's public-read statement)", closed.Lines[0]);
            Assert.AreEqual(HttpStatusCode.Forbidden, await AnonymousGetAsync(bucket, "static/site.css"));
        }
        finally
        {
            await DeleteBucketAsync(bucket);
        }
    }

    [TestMethod]
    [DataRow(new[] { "init-bucket", "--public", "--private" }, "--public and --private exclude each other")]
    [DataRow(new[] { "init-bucket", "--origin", "www.example.com" }, "The CORS origin 'www.example.com' is not an origin")]
    [DataRow(new[] { "init-bucket", "--bucket", "Not_A_Bucket" }, "'Not_A_Bucket' is not a valid bucket name")]
    public async Task Contradictory_or_invalid_settings_are_usage_errors(string[] arguments, string message)
    {
        var result = await Tool.RunAsync(Bucket.EnvironmentVariables, arguments);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"staticpublish: error {ErrorCodes.InvalidSetting}: ");
        StringAssert.Contains(result.Error, message);
    }

    private static async Task<HttpStatusCode> AnonymousGetAsync(string bucket, string key)
    {
        using var response = await Http.GetAsync(new Uri($"{Bucket.Server.Settings.Endpoint}{bucket}/{key}"));
        return response.StatusCode;
    }

    private static async Task DeleteBucketAsync(string bucket)
    {
        try
        {
            var listed = await Bucket.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
            foreach (var item in listed.S3Objects ?? [])
            {
                await Bucket.Client.DeleteObjectAsync(bucket, item.Key);
            }

            await Bucket.Client.DeleteBucketAsync(bucket);
        }
        catch (AmazonS3Exception)
        {
            // The bucket was never created, or is gone already.
        }
    }
}
