using System.Security.Cryptography;
using System.Text;
using StaticPublish.AspNetCore.Tests.Infrastructure;

namespace StaticPublish.AspNetCore.Tests;

[TestClass]
public sealed class SignedCookieTests
{
    [TestMethod]
    public async Task Signed_cookies_grant_the_wildcard_resource_once_per_window_and_pages_keep_plain_urls()
    {
        var sample = await PublishedSample.GetAsync();
        using var rsa = RSA.Create(2048);
        await using var app = PublicUrlTests.Factory(sample, new Dictionary<string, string?>
        {
            ["StaticPublish:BaseUrl"] = "https://cdn.example.com/static/",
            ["StaticPublish:SignedCookies:Enabled"] = "true",
            ["StaticPublish:SignedCookies:Domain"] = ".example.com",
            ["StaticPublish:CloudFront:KeyPairId"] = "K2JCJMDEHXQW5F",
            ["StaticPublish:CloudFront:PrivateKey"] = rsa.ExportPkcs8PrivateKeyPem(),
        }, time: new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero)));
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

        using var first = await client.GetAsync(new Uri("/", UriKind.Relative));

        var cookies = first.Headers.GetValues("Set-Cookie").ToList();
        var values = cookies.Select(c => c.Split(';')[0].Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        CollectionAssert.AreEquivalent(new[] { "CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id" }, values.Keys.ToArray());
        Assert.IsTrue(cookies.All(c => c.Contains("domain=.example.com", StringComparison.OrdinalIgnoreCase) && c.Contains("secure", StringComparison.OrdinalIgnoreCase) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase)));
        var policy = Convert.FromBase64String(values["CloudFront-Policy"].Replace('-', '+').Replace('_', '=').Replace('~', '/'));
        StringAssert.Contains(Encoding.UTF8.GetString(policy), "\"Resource\":\"https://cdn.example.com/static/*\"");
        var signature = Convert.FromBase64String(values["CloudFront-Signature"].Replace('-', '+').Replace('_', '=').Replace('~', '/'));
        Assert.IsTrue(rsa.VerifyData(policy, signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
        var html = await first.Content.ReadAsStringAsync();
        StringAssert.Contains(html, $"href=\"https://cdn.example.com/static/{sample.Manifest.Assets["css/site.css"].Path}\"", "plain URLs: the cookies carry the signature");

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("Cookie", string.Join("; ", values.Select(v => $"{v.Key}={v.Value}")));
        using var second = await client.SendAsync(request);
        Assert.IsFalse(second.Headers.Contains("Set-Cookie"), "a browser that has the current cookies gets none again");
    }

    [TestMethod]
    public async Task A_single_url_resource_gets_canned_cookies_which_are_set_once_and_not_again()
    {
        var sample = await PublishedSample.GetAsync();
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var app = PublicUrlTests.Factory(sample, new Dictionary<string, string?>
        {
            ["StaticPublish:BaseUrl"] = "https://cdn.example.com/static/",
            ["StaticPublish:SignedCookies:Enabled"] = "true",
            ["StaticPublish:SignedCookies:Resource"] = "https://cdn.example.com/static/downloads/report.pdf",
            ["StaticPublish:CloudFront:KeyPairId"] = "K2JCJMDEHXQW5F",
            ["StaticPublish:CloudFront:PrivateKey"] = ecdsa.ExportPkcs8PrivateKeyPem(),
        }, time: new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero)));
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

        using var first = await client.GetAsync(new Uri("/", UriKind.Relative));
        var values = first.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("Cookie", string.Join("; ", values.Select(v => $"{v.Key}={v.Value}")));
        using var second = await client.SendAsync(request);

        CollectionAssert.AreEquivalent(new[] { "CloudFront-Expires", "CloudFront-Signature", "CloudFront-Key-Pair-Id" }, values.Keys.ToArray(), "a canned policy");
        Assert.IsFalse(second.Headers.Contains("Set-Cookie"), "the current cookies are recognised by their signature");
    }

    [TestMethod]
    public async Task When_decides_which_responses_get_the_cookies()
    {
        var sample = await PublishedSample.GetAsync();
        using var rsa = RSA.Create(2048);
        await using var app = PublicUrlTests.Factory(sample, new Dictionary<string, string?>
        {
            ["StaticPublish:BaseUrl"] = "https://cdn.example.com/static/",
            ["StaticPublish:SignedCookies:Enabled"] = "true",
            ["StaticPublish:CloudFront:KeyPairId"] = "K2JCJMDEHXQW5F",
            ["StaticPublish:CloudFront:PrivateKey"] = rsa.ExportPkcs8PrivateKeyPem(),
        }, configure: o => o.SignedCookies.When = context => context.Request.Headers.ContainsKey("X-Signed-In"));
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

        using var anonymous = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("X-Signed-In", "1");
        using var signedIn = await client.SendAsync(request);

        Assert.IsFalse(anonymous.Headers.Contains("Set-Cookie"));
        Assert.IsTrue(signedIn.Headers.Contains("Set-Cookie"));
    }
}
