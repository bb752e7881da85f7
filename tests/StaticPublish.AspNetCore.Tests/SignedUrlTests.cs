using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using StaticPublish.AspNetCore.Tests.Infrastructure;
using StaticPublish.AspNetCore.Urls;

namespace StaticPublish.AspNetCore.Tests;

[TestClass]
public sealed class SignedUrlTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 1, 30, TimeSpan.Zero);

    [TestMethod]
    [DataRow("RSA", "Sha1", DisplayName = "RSA-2048, SHA-1")]
    [DataRow("RSA", "Sha256", DisplayName = "RSA-2048, SHA-256")]
    [DataRow("ECDSA", "Sha256", DisplayName = "ECDSA P-256, SHA-256")]
    public async Task CloudFront_signed_urls_verify_expire_on_window_boundaries_and_repeat_within_a_window(string keyType, string hash)
    {
        var sample = await PublishedSample.GetAsync();
        using var rsa = RSA.Create(2048);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = keyType == "RSA" ? rsa.ExportPkcs8PrivateKeyPem() : ecdsa.ExportPkcs8PrivateKeyPem();
        var time = new ManualTimeProvider(Start);
        await using var app = PublicUrlTests.Factory(sample, new Dictionary<string, string?>
        {
            ["StaticPublish:UrlMode"] = "CloudFrontSigned",
            ["StaticPublish:BaseUrl"] = "https://d111111abcdef8.cloudfront.net/static/",
            ["StaticPublish:CloudFront:KeyPairId"] = "K2JCJMDEHXQW5F",
            ["StaticPublish:CloudFront:PrivateKey"] = pem,
            ["StaticPublish:CloudFront:HashAlgorithm"] = hash,
            ["StaticPublish:SignedUrlLifetime"] = "01:00:00",
            ["StaticPublish:SignedUrlWindow"] = "00:05:00",
        }, time: time);
        using var client = app.CreateClient();

        var first = await ScriptUrlsAsync(client);
        var again = await ScriptUrlsAsync(client);
        time.Now = Start.AddMinutes(3);
        var sameWindow = await ScriptUrlsAsync(client);
        time.Now = Start.AddMinutes(4);
        var nextWindow = await ScriptUrlsAsync(client);

        CollectionAssert.AreEqual(first, again, "a page rendered twice in a window has the same URLs");
        CollectionAssert.AreEqual(first, sameWindow);
        CollectionAssert.AreNotEqual(first, nextWindow, "the next window signs anew");
        foreach (var url in first)
        {
            StringAssert.StartsWith(url, "https://d111111abcdef8.cloudfront.net/static/");
            var query = HttpUtility.ParseQueryString(new Uri(url).Query);
            var expires = long.Parse(query["Expires"]!, CultureInfo.InvariantCulture);
            // 12:01:30 is in the 12:00-12:05 window: every URL expires at 12:05 plus the one-hour lifetime.
            Assert.AreEqual(new DateTimeOffset(2026, 11, 21, 13, 5, 0, TimeSpan.Zero).ToUnixTimeSeconds(), expires);
            Assert.AreEqual("K2JCJMDEHXQW5F", query["Key-Pair-Id"]);
            Assert.AreEqual(hash == "Sha256" ? "SHA256" : null, query["Hash-Algorithm"]);
            var unsigned = url[..url.IndexOf('?', StringComparison.Ordinal)];
            var policy = Encoding.UTF8.GetBytes("{\"Statement\":[{\"Resource\":\"" + unsigned + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires.ToString(CultureInfo.InvariantCulture) + "}}}]}");
            var signature = Convert.FromBase64String(query["Signature"]!.Replace('-', '+').Replace('_', '=').Replace('~', '/'));
            var algorithm = hash == "Sha256" ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;
            Assert.IsTrue(keyType == "RSA"
                ? rsa.VerifyData(policy, signature, algorithm, RSASignaturePadding.Pkcs1)
                : ecdsa.VerifyData(policy, signature, algorithm, DSASignatureFormat.Rfc3279DerSequence), $"the signature of {url} verifies with the public key");
        }
    }

    [TestMethod]
    public async Task A_custom_policy_signs_a_wildcard_resource_with_an_ip_range_and_a_start_time()
    {
        var sample = await PublishedSample.GetAsync();
        using var rsa = RSA.Create(2048);
        await using var app = PublicUrlTests.Factory(sample, new Dictionary<string, string?>
        {
            ["StaticPublish:UrlMode"] = "CloudFrontSigned",
            ["StaticPublish:BaseUrl"] = "https://cdn.example.com/static/",
            ["StaticPublish:CloudFront:KeyPairId"] = "K2JCJMDEHXQW5F",
            ["StaticPublish:CloudFront:PrivateKey"] = rsa.ExportRSAPrivateKeyPem(),
            ["StaticPublish:CloudFront:Policy"] = "Custom",
            ["StaticPublish:CloudFront:Resource"] = "https://cdn.example.com/static/*",
            ["StaticPublish:CloudFront:IpAddress"] = "192.0.2.0/24",
            ["StaticPublish:CloudFront:NotBefore"] = "2026-11-21T00:00:00Z",
        }, time: new ManualTimeProvider(Start));
        var urls = app.Services.GetRequiredService<IStaticAssetUrls>();

        var url = urls.Get("css/site.css");

        var query = HttpUtility.ParseQueryString(new Uri(url).Query);
        var policy = Convert.FromBase64String(query["Policy"]!.Replace('-', '+').Replace('_', '=').Replace('~', '/'));
        var json = Encoding.UTF8.GetString(policy);
        StringAssert.Contains(json, "\"Resource\":\"https://cdn.example.com/static/*\"");
        StringAssert.Contains(json, "\"IpAddress\":{\"AWS:SourceIp\":\"192.0.2.0/24\"}");
        StringAssert.Contains(json, $"\"DateGreaterThan\":{{\"AWS:EpochTime\":{new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()}}}");
        var signature = Convert.FromBase64String(query["Signature"]!.Replace('-', '+').Replace('_', '=').Replace('~', '/'));
        Assert.IsTrue(rsa.VerifyData(policy, signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
    }

    [TestMethod]
    public async Task S3_presigned_urls_fetch_the_right_bytes_and_repeat_within_a_window()
    {
        var sample = await PublishedSample.GetAsync();
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var app = PublicUrlTests.Factory(sample, new Dictionary<string, string?>
        {
            ["StaticPublish:UrlMode"] = "S3Presigned",
            ["StaticPublish:Storage:BucketName"] = sample.Bucket.BucketName,
            ["StaticPublish:Storage:EndpointUrl"] = sample.Bucket.Server.Settings.Endpoint.ToString().TrimEnd('/'),
            ["StaticPublish:Storage:AccessKey"] = sample.Bucket.Server.Settings.AccessKey,
            ["StaticPublish:Storage:SecretKey"] = sample.Bucket.Server.Settings.SecretKey,
        }, time: time);
        using var client = app.CreateClient();
        using var browser = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip });

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var again = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.AreEqual(html, again, "the same page within a window");
        var scripts = Html.Elements(html, "script").Where(e => e["src"] is not null).ToList();
        Assert.IsNotEmpty(scripts);
        foreach (var script in scripts)
        {
            StringAssert.Contains(script["src"], "X-Amz-Signature=");
            var bytes = await browser.GetByteArrayAsync(new Uri(script["src"]!));
            Assert.AreEqual("sha256-" + Convert.ToBase64String(SHA256.HashData(bytes)), script["integrity"]);
        }
    }

    private static async Task<List<string>> ScriptUrlsAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        return [.. Html.Elements(html, "script", "link").Select(e => e.Url).Where(u => u is not null && u.StartsWith("https://", StringComparison.Ordinal)).Select(u => u!)];
    }
}
