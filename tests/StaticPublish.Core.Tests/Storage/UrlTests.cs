using System.Net;
using System.Security.Cryptography;
using System.Web;
using StaticPublish.Core.Signing;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Storage;

[TestClass]
public sealed class UrlTests : BucketTestClass<UrlTests>
{
    private static StorageFixture Fixture => new(Bucket);
    private static readonly HttpClient Http = new();

    [TestMethod]
    public async Task Presigned_urls_return_the_bytes_and_tampering_is_refused()
    {
        using var storage = Fixture.Storage();
        var data = Bytes.Random(5000);
        await storage.SaveAsync("private/file.bin", new MemoryStream(data));

        var url = storage.Url("private/file.bin");
        var tampered = url.Replace("file.bin", "file.bim", StringComparison.Ordinal);

        StringAssert.Contains(url, "X-Amz-Signature=");
        AssertExpiresIn(url, 3600);
        CollectionAssert.AreEqual(data, await Http.GetByteArrayAsync(new Uri(url)));
        using var refused = await Http.GetAsync(new Uri(tampered));
        Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [TestMethod]
    public void Presigned_url_expiry_follows_the_setting_and_the_argument()
    {
        using var storage = Fixture.Storage(o => o.QuerystringExpire = TimeSpan.FromSeconds(120));

        AssertExpiresIn(storage.Url("x.txt"), 120);
        AssertExpiresIn(storage.Url("x.txt", TimeSpan.FromSeconds(30)), 30);
    }

    private static void AssertExpiresIn(string url, int seconds)
    {
        // The SDK turns the expiry instant back into seconds from its own (skew-corrected) clock, so allow a little drift.
        var expires = int.Parse(HttpUtility.ParseQueryString(new Uri(url).Query)["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsTrue(Math.Abs(expires - seconds) <= 5, $"X-Amz-Expires={expires}, expected about {seconds}");
    }

    [TestMethod]
    public async Task Gzip_objects_fetched_by_url_carry_content_encoding_so_browsers_decode_them()
    {
        using var storage = Fixture.Storage(o => o.Gzip = true);
        var css = Bytes.Css();
        await storage.SaveAsync("site.css", new MemoryStream(css));

        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip };
        using var browser = new HttpClient(handler);
        var fetched = await browser.GetByteArrayAsync(new Uri(storage.Url("site.css")));

        CollectionAssert.AreEqual(css, fetched);
    }

    [TestMethod]
    public void Plain_public_urls_follow_the_addressing_style()
    {
        var endpoint = Fixture.Bucket.Server.Settings.Endpoint.ToString().TrimEnd('/');
        using var path = Fixture.Storage(o => { o.QuerystringAuth = false; o.Location = "static"; });
        using var aws = new S3Storage(new S3StorageOptions { BucketName = "assets", Region = "eu-west-1", QuerystringAuth = false, AccessKey = "a", SecretKey = "b" });
        using var awsPath = new S3Storage(new S3StorageOptions { BucketName = "assets", Region = "eu-west-1", QuerystringAuth = false, AddressingStyle = S3AddressingStyle.Path, AccessKey = "a", SecretKey = "b" });
        using var virtualHost = new S3Storage(new S3StorageOptions { BucketName = "assets", EndpointUrl = "http://minio.local:9000", AddressingStyle = S3AddressingStyle.Virtual, QuerystringAuth = false, AccessKey = "a", SecretKey = "b" });

        Assert.AreEqual($"{endpoint}/{Fixture.Bucket.BucketName}/static/css/a%20b.css", path.Url("css/a b.css"));
        Assert.AreEqual("https://assets.s3.eu-west-1.amazonaws.com/x/%E6%97%A5.txt", aws.Url("x/日.txt"));
        Assert.AreEqual("https://s3.eu-west-1.amazonaws.com/assets/a%2Bb%23c.txt", awsPath.Url("a+b#c.txt"));
        Assert.AreEqual("http://assets.minio.local:9000/k.txt", virtualHost.Url("k.txt"));
    }

    [TestMethod]
    [DataRow("https", "cdn.example.com", "css/site.css", "https://cdn.example.com/static/css/site.css")]
    [DataRow("http", "cdn.example.com/", "a b/c#d.txt", "http://cdn.example.com/static/a%20b/c%23d.txt")]
    [DataRow("https", "example.com/assets", "x.js", "https://example.com/assets/static/x.js")]
    public void Custom_domain_urls_are_built_without_signing(string protocol, string domain, string name, string expected)
    {
        using var storage = new S3Storage(new S3StorageOptions
        {
            BucketName = "assets",
            Location = "static",
            CustomDomain = domain,
            UrlProtocol = protocol,
            AccessKey = "a",
            SecretKey = "b",
        });

        Assert.AreEqual(expected, storage.Url(name));
    }

    [TestMethod]
    public void Custom_domain_urls_are_cloudfront_signed_when_a_key_pair_is_configured()
    {
        using var rsa = RSA.Create(2048);
        using var storage = new S3Storage(new S3StorageOptions
        {
            BucketName = "assets",
            CustomDomain = "d111111abcdef8.cloudfront.net",
            CloudFrontKeyPairId = "K2JCJMDEHXQW5F",
            CloudFrontPrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem(),
            QuerystringExpire = TimeSpan.FromMinutes(10),
            AccessKey = "a",
            SecretKey = "b",
        });
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var url = storage.Url("media/photo.jpg");

        var query = HttpUtility.ParseQueryString(new Uri(url).Query);
        var expires = long.Parse(query["Expires"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsTrue(url.StartsWith("https://d111111abcdef8.cloudfront.net/media/photo.jpg?Expires=", StringComparison.Ordinal), url);
        Assert.AreEqual("K2JCJMDEHXQW5F", query["Key-Pair-Id"]);
        Assert.IsTrue(expires >= before + 600 && expires <= before + 602, $"expires {expires} is ten minutes out");
        var policy = new CloudFrontPolicy("https://d111111abcdef8.cloudfront.net/media/photo.jpg", DateTimeOffset.FromUnixTimeSeconds(expires)).ToJson();
        var signature = Convert.FromBase64String(query["Signature"]!.Replace('-', '+').Replace('_', '=').Replace('~', '/'));
        Assert.IsTrue(rsa.VerifyData(policy, signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
    }
}
