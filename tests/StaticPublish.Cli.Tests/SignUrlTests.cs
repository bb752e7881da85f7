using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.Core.Errors;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests;

[TestClass]
public sealed class SignUrlTests : BucketTestClass<SignUrlTests>
{
    private const string KeyPairId = "K2JCJMDEHXQW5F";
    private static readonly HttpClient Http = new();
    private static RSA _key = null!;
    private static string _keyFile = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext _)
    {
        _key = RSA.Create(2048);
        _keyFile = Path.Combine(Path.GetTempPath(), $"sp-cloudfront-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(_keyFile, _key.ExportPkcs8PrivateKeyPem());
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        File.Delete(_keyFile);
        _key?.Dispose();
    }

    [TestMethod]
    public async Task A_canned_CloudFront_URL_is_signed_with_the_key_file_and_verifies_with_the_public_key()
    {
        var url = "https://cdn.example.com/private/report.pdf";

        var before = DateTimeOffset.UtcNow;
        var result = await Tool.RunAsync(null, "sign-url", url, "--key-pair-id", KeyPairId, "--private-key-file", _keyFile, "--expires-in", "15m");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var signed = result.Output.Trim();
        var query = Query(signed);
        Assert.AreEqual(url, signed[..signed.IndexOf('?', StringComparison.Ordinal)]);
        Assert.AreEqual(KeyPairId, query["Key-Pair-Id"]);
        var expires = long.Parse(query["Expires"], CultureInfo.InvariantCulture);
        Assert.IsTrue(Math.Abs(expires - (before + TimeSpan.FromMinutes(15)).ToUnixTimeSeconds()) <= 5, $"expires {expires}");
        var policy = "{\"Statement\":[{\"Resource\":\"" + url + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
        Assert.IsTrue(_key.VerifyData(Encoding.UTF8.GetBytes(policy), Decode(query["Signature"]), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
    }

    [TestMethod]
    public async Task A_custom_policy_from_the_PEM_variable_carries_the_IP_start_and_SHA256()
    {
        var url = "https://cdn.example.com/private/report.pdf?v=2";
        var environment = new Dictionary<string, string>
        {
            ["STATICPUBLISH_CLOUDFRONT_PRIVATE_KEY"] = _key.ExportRSAPrivateKeyPem(),
            ["STATICPUBLISH_CLOUDFRONT_KEY_PAIR_ID"] = KeyPairId,
        };

        var result = await Tool.RunAsync(environment, "sign-url", url, "--ip", "192.0.2.10", "--not-before", "2030-01-01T00:00:00Z", "--expires-in", "3650d",
            "--resource", "https://cdn.example.com/private/*", "--hash", "sha256");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var query = Query(result.Output.Trim());
        Assert.AreEqual("SHA256", query["Hash-Algorithm"]);
        var policyBytes = Decode(query["Policy"]);
        using var policy = JsonDocument.Parse(policyBytes);
        var statement = policy.RootElement.GetProperty("Statement")[0];
        Assert.AreEqual("https://cdn.example.com/private/*", statement.GetProperty("Resource").GetString());
        var condition = statement.GetProperty("Condition");
        Assert.AreEqual("192.0.2.10/32", condition.GetProperty("IpAddress").GetProperty("AWS:SourceIp").GetString());
        Assert.AreEqual(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), condition.GetProperty("DateGreaterThan").GetProperty("AWS:EpochTime").GetInt64());
        Assert.IsTrue(_key.VerifyData(policyBytes, Decode(query["Signature"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [TestMethod]
    public async Task An_s3_URL_gets_a_presigned_URL_that_fetches_the_object()
    {
        var key = UniqueNames.Prefix("sign") + "/report 1.txt";
        await Bucket.Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket.BucketName, Key = key, ContentBody = "quarterly", UseChunkEncoding = false });

        var result = await Tool.RunAsync(Bucket.EnvironmentVariables, "sign-url", $"s3://{Bucket.BucketName}/{key}", "--expires-in", "10m");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var presigned = result.Output.Trim();
        StringAssert.Contains(presigned, "X-Amz-Signature=");
        StringAssert.Contains(presigned, "X-Amz-Expires=600");
        Assert.AreEqual("quarterly", await Http.GetStringAsync(new Uri(presigned)));
    }

    [TestMethod]
    [DataRow(new[] { "sign-url", "https://cdn.example.com/a.css", "--private-key-file", "KEYFILE" }, ErrorCodes.InvalidSetting, "needs the key pair id")]
    [DataRow(new[] { "sign-url", "https://cdn.example.com/a.css", "--key-pair-id", KeyPairId }, ErrorCodes.InvalidSetting, "It is never taken as an argument")]
    [DataRow(new[] { "sign-url", "https://cdn.example.com/a.css", "--key-pair-id", KeyPairId, "--private-key", "secret" }, ErrorCodes.InvalidSetting, "Unrecognized command or argument '--private-key'")]
    [DataRow(new[] { "sign-url", "https://cdn.example.com/a.css", "--key-pair-id", KeyPairId, "--private-key-file", "NOTAKEY" }, ErrorCodes.InvalidPrivateKey, "does not hold a PEM private key")]
    [DataRow(new[] { "sign-url", "https://cdn.example.com/a#b", "--key-pair-id", KeyPairId, "--private-key-file", "KEYFILE" }, ErrorCodes.InvalidSigningUrl, "it has a fragment")]
    [DataRow(new[] { "sign-url", "https://cdn.example.com/a.css", "--key-pair-id", KeyPairId, "--private-key-file", "KEYFILE", "--policy", "canned", "--ip", "192.0.2.1" }, ErrorCodes.InvalidSetting, "need a custom policy")]
    [DataRow(new[] { "sign-url", "s3://bucket/key", "--expires-in", "8d" }, ErrorCodes.InvalidSetting, "at most 7d")]
    [DataRow(new[] { "sign-url", "s3://bucket-only" }, ErrorCodes.InvalidSetting, "is not s3://bucket/key")]
    public async Task Missing_or_bad_keys_and_URLs_are_usage_errors(string[] arguments, string code, string message)
    {
        var notAKey = Path.Combine(Path.GetTempPath(), $"sp-not-a-key-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(notAKey, "hello");
        try
        {
            var result = await Tool.RunInProcessAsync(null, [.. arguments.Select(a => a switch { "KEYFILE" => _keyFile, "NOTAKEY" => notAKey, _ => a })]);

            Assert.AreEqual(2, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Error, $"staticpublish: error {code}: ");
            StringAssert.Contains(result.Error, message);
            Assert.AreEqual("", result.Output, "nothing that looks like a URL is printed");
        }
        finally
        {
            File.Delete(notAKey);
        }
    }

    private static Dictionary<string, string> Query(string url) => url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..]
        .Split('&')
        .Select(p => p.Split('=', 2))
        .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static byte[] Decode(string cloudFrontBase64) =>
        Convert.FromBase64String(cloudFrontBase64.Replace('-', '+').Replace('_', '=').Replace('~', '/'));
}
