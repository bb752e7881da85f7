using System.Text;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Signing;

namespace StaticPublish.Core.Tests.Signing;

[TestClass]
public sealed class CloudFrontPolicyTests
{
    private const long ExpiresEpoch = 1_767_225_600; // 2026-01-01T00:00:00Z
    private const long NotBeforeEpoch = 1_767_222_000;
    private static readonly DateTimeOffset Expires = DateTimeOffset.FromUnixTimeSeconds(ExpiresEpoch);
    private static readonly DateTimeOffset NotBefore = DateTimeOffset.FromUnixTimeSeconds(NotBeforeEpoch);

    [TestMethod]
    public void Canned_policy_has_botocore_layout()
    {
        var policy = new CloudFrontPolicy("https://cdn.example.com/static/site.css", Expires);

        Assert.IsTrue(policy.IsCanned);
        Assert.AreEqual(
            """{"Statement":[{"Resource":"https://cdn.example.com/static/site.css","Condition":{"DateLessThan":{"AWS:EpochTime":1767225600}}}]}""",
            Encoding.UTF8.GetString(policy.ToJson()));
    }

    [TestMethod]
    public void Custom_policy_orders_conditions_as_botocore_does()
    {
        var policy = new CloudFrontPolicy("https://cdn.example.com/private/*", Expires, NotBefore, "192.0.2.10");

        Assert.IsFalse(policy.IsCanned);
        Assert.AreEqual(
            """{"Statement":[{"Resource":"https://cdn.example.com/private/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767225600},"IpAddress":{"AWS:SourceIp":"192.0.2.10/32"},"DateGreaterThan":{"AWS:EpochTime":1767222000}}}]}""",
            Encoding.UTF8.GetString(policy.ToJson()));
    }

    [TestMethod]
    public void Custom_policy_with_only_a_start_time()
    {
        var policy = new CloudFrontPolicy("https://cdn.example.com/video/ep?.mp4", Expires, NotBefore);

        Assert.IsFalse(policy.IsCanned);
        Assert.AreEqual(
            """{"Statement":[{"Resource":"https://cdn.example.com/video/ep?.mp4","Condition":{"DateLessThan":{"AWS:EpochTime":1767225600},"DateGreaterThan":{"AWS:EpochTime":1767222000}}}]}""",
            Encoding.UTF8.GetString(policy.ToJson()));
    }

    [TestMethod]
    [DataRow("192.0.2.10", "192.0.2.10/32")]
    [DataRow("192.0.2.0/24", "192.0.2.0/24")]
    [DataRow("0.0.0.0/0", "0.0.0.0/0")]
    [DataRow("2001:db8::1", "2001:db8::1/128")]
    [DataRow("2001:DB8::/32", "2001:DB8::/32")]
    [DataRow("::ffff:192.0.2.1", "::ffff:192.0.2.1/128")]
    public void Ip_address_gets_a_prefix_when_it_has_none(string input, string expected)
    {
        var policy = new CloudFrontPolicy("https://cdn.example.com/*", Expires, ipAddress: input);

        Assert.AreEqual(expected, policy.IpAddress);
        Assert.AreEqual(
            """{"Statement":[{"Resource":"https://cdn.example.com/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767225600},"IpAddress":{"AWS:SourceIp":"@IP@"}}}]}"""
                .Replace("@IP@", expected, StringComparison.Ordinal),
            Encoding.UTF8.GetString(policy.ToJson()));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow(" ")]
    [DataRow("not-an-ip")]
    [DataRow("192.0.2.300")]
    [DataRow("192.0.2")]
    [DataRow("010.0.0.1")]
    [DataRow(" 192.0.2.1")]
    [DataRow("192.0.2.1 ")]
    [DataRow("192.0.2.0/33")]
    [DataRow("192.0.2.0/")]
    [DataRow("192.0.2.0/-1")]
    [DataRow("192.0.2.0/024")]
    [DataRow("192.0.2.0/24/8")]
    [DataRow("2001:db8::/129")]
    [DataRow("fe80::1%eth0")]
    [DataRow("[2001:db8::1]")]
    public void Invalid_ip_address_is_rejected(string input)
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(
            () => new CloudFrontPolicy("https://cdn.example.com/*", Expires, ipAddress: input));

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        Assert.Contains($"'{input}'", error.Message);
    }

    [TestMethod]
    public void Epoch_seconds_are_rounded_down()
    {
        var policy = new CloudFrontPolicy(
            "https://cdn.example.com/a.css",
            DateTimeOffset.FromUnixTimeMilliseconds((ExpiresEpoch * 1000) + 999).ToOffset(TimeSpan.FromHours(5)));

        StringAssert.Contains(Encoding.UTF8.GetString(policy.ToJson()), """{"AWS:EpochTime":1767225600}""");
    }

    [TestMethod]
    [DataRow(0)]           // same instant
    [DataRow(3_600_000)]   // start after expiry
    [DataRow(-300)]        // earlier, but the same whole second, which is all CloudFront sees
    public void Expiry_must_be_after_the_start(int startMillisecondsFromExpiry)
    {
        var expires = Expires.AddMilliseconds(400);
        var start = expires.AddMilliseconds(startMillisecondsFromExpiry);

        var error = Assert.ThrowsExactly<StaticPublishException>(
            () => new CloudFrontPolicy("https://cdn.example.com/*", expires, start));

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        Assert.Contains("not after its start", error.Message);
    }

    [TestMethod]
    public void Empty_resource_is_rejected()
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(() => new CloudFrontPolicy(string.Empty, Expires));

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
    }

    [TestMethod]
    public void Expiry_before_1970_is_rejected()
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(
            () => new CloudFrontPolicy("https://cdn.example.com/a.css", DateTimeOffset.UnixEpoch));

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
    }

    [TestMethod]
    public void Resource_keeps_url_characters_literal_and_escapes_only_what_json_requires()
    {
        var policy = new CloudFrontPolicy("https://cdn.example.com/a.css?x=1&y='2'+<3>\"\\", Expires);

        StringAssert.Contains(
            Encoding.UTF8.GetString(policy.ToJson()),
            """"Resource":"https://cdn.example.com/a.css?x=1&y='2'+<3>\"\\","""");
    }

    [TestMethod]
    public void ToJson_returns_a_fresh_array_each_call()
    {
        var policy = new CloudFrontPolicy("https://cdn.example.com/a.css", Expires);
        var first = policy.ToJson();
        first[0] = (byte)'X';

        Assert.AreEqual((byte)'{', policy.ToJson()[0]);
    }

    [TestMethod]
    public void Properties_keep_the_values_given()
    {
        var policy = new CloudFrontPolicy("https://cdn.example.com/*", Expires, NotBefore, "192.0.2.0/24");

        Assert.AreEqual("https://cdn.example.com/*", policy.Resource);
        Assert.AreEqual(Expires, policy.Expires);
        Assert.AreEqual(NotBefore, policy.NotBefore);
        Assert.AreEqual("192.0.2.0/24", policy.IpAddress);
    }
}
