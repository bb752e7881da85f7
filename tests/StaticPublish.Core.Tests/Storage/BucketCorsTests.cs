using Amazon.S3.Model;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Storage;

[TestClass]
public sealed class BucketCorsTests : BucketTestClass<BucketCorsTests>
{
    private static StorageFixture Fixture => new(Bucket);

    [TestMethod]
    public async Task The_rule_allows_the_origins_keeps_other_rules_and_a_second_run_changes_nothing()
    {
        using var storage = Fixture.Storage();
        var bucket = Fixture.Bucket.BucketName;
        await storage.Client.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration { Rules = [new CORSRule { Id = "theirs", AllowedMethods = ["PUT"], AllowedOrigins = ["https://upload.example.com"] }] },
        });

        var first = await S3BucketCors.EnsureAsync(storage, ["https://www.example.com/", "https://app.example.com:8443"]);
        var second = await S3BucketCors.EnsureAsync(storage, ["https://app.example.com:8443", "https://www.example.com"]);
        var narrowed = await S3BucketCors.EnsureAsync(storage, ["https://www.example.com"]);

        Assert.HasCount(1, first);
        StringAssert.Contains(first[0], "https://app.example.com:8443, https://www.example.com");
        Assert.IsEmpty(second, "the same origins in another order change nothing");
        Assert.HasCount(1, narrowed);
        var rules = (await storage.Client.GetCORSConfigurationAsync(bucket)).Configuration.Rules;
        var ours = rules.Single(r => r.Id == S3BucketCors.RuleId);
        CollectionAssert.AreEquivalent(new[] { "GET", "HEAD" }, ours.AllowedMethods);
        CollectionAssert.AreEqual(new[] { "https://www.example.com" }, ours.AllowedOrigins);
        Assert.IsTrue(rules.Any(r => r.Id == "theirs"), "other rules are kept");
    }

    [TestMethod]
    [DataRow("www.example.com")]
    [DataRow("https://www.example.com/app")]
    [DataRow("ftp://www.example.com")]
    [DataRow("https://www.example.com?x=1")]
    public void An_origin_with_a_path_or_no_scheme_is_SPUB2003(string origin)
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(() => S3BucketCors.NormalizeOrigins([origin]));

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        StringAssert.Contains(error.Message, $"'{origin}' is not an origin");
    }
}
