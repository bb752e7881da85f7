using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using StaticPublish.AspNetCore.Tests.Infrastructure;
using StaticPublish.AspNetCore.Urls;
using StaticPublish.Core.Publishing;

namespace StaticPublish.AspNetCore.Tests.Units;

/// <summary>Resolving references against an in-memory manifest: no server, no app.</summary>
[TestClass]
public sealed class UrlResolutionTests
{
    private const string BaseUrl = "https://cdn.example.com/static/";

    [TestMethod]
    [DataRow("css/site.css", "https://cdn.example.com/static/css/site.3f2a1b9c0d.css")]
    [DataRow("/css/site.css", "https://cdn.example.com/static/css/site.3f2a1b9c0d.css")]
    [DataRow("~/css/site.css", "https://cdn.example.com/static/css/site.3f2a1b9c0d.css")]
    [DataRow("~/css/site.css?v=2", "https://cdn.example.com/static/css/site.3f2a1b9c0d.css?v=2")]
    [DataRow("~/css/site.css#top", "https://cdn.example.com/static/css/site.3f2a1b9c0d.css#top")]
    [DataRow("~/css/site.css?v=2#top", "https://cdn.example.com/static/css/site.3f2a1b9c0d.css?v=2#top")]
    [DataRow("~/css/site.css#top?not-a-query", "https://cdn.example.com/static/css/site.3f2a1b9c0d.css#top?not-a-query")]
    [DataRow("~/css/site.css?", "https://cdn.example.com/static/css/site.3f2a1b9c0d.css")]
    public void A_reference_resolves_to_its_asset_keeping_query_and_fragment(string reference, string expected)
    {
        var urls = Urls();

        Assert.IsTrue(urls.TryResolve(reference, out var asset, out var url), reference);

        Assert.AreEqual(expected, url);
        Assert.AreEqual(expected, urls.Get(reference));
        StringAssert.StartsWith(expected, asset.UnsignedUrl);
    }

    [TestMethod]
    public void An_unsigned_reference_without_query_returns_the_precomputed_string()
    {
        var urls = Urls();

        Assert.IsTrue(urls.TryResolve("~/css/site.css", out var asset, out var url));

        Assert.AreSame(asset.UnsignedUrl, url, "no allocation on the hot path");
    }

    [TestMethod]
    [DataRow("", "not/in/manifest.css", "/not/in/manifest.css")]
    [DataRow("", "~/not/in/manifest.css?v=1", "/not/in/manifest.css?v=1")]
    [DataRow("/shop", "not/in/manifest.css", "/shop/not/in/manifest.css")]
    [DataRow("/shop", "/not/in/manifest.css", "/shop/not/in/manifest.css")]
    [DataRow("/shop", "~/not/in/manifest.css", "/shop/not/in/manifest.css")]
    [DataRow("/shop", "css/site.css", "https://cdn.example.com/static/css/site.3f2a1b9c0d.css")]
    public void Paths_not_in_the_manifest_stay_local_under_the_path_base_and_cdn_urls_ignore_it(string pathBase, string path, string expected)
    {
        var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext() };
        http.HttpContext.Request.PathBase = pathBase;
        var urls = Urls(http);

        Assert.AreEqual(expected, urls.Get(path));
        Assert.AreEqual(path.Contains("site.css", StringComparison.Ordinal), urls.TryResolve(path, out _, out _));
    }

    [TestMethod]
    [DataRow("https://cdn.example.com/static/css/site.3f2a1b9c0d.css", "css/site.css")]
    [DataRow("https://cdn.example.com/static/css/site.3f2a1b9c0d.css?Expires=1&Signature=x", "css/site.css")]
    [DataRow("https://cdn.example.com/static/css/other.css", null)]
    [DataRow("/css/site.css", null)]
    public void A_rendered_url_leads_back_to_its_asset(string url, string? expected)
    {
        var urls = Urls();

        var found = urls.TryGetAssetByUrl(url, out var asset);

        Assert.AreEqual(expected is not null, found);
        Assert.AreEqual(expected, asset?.LogicalPath);
    }

    private static StaticAssetUrls Urls(IHttpContextAccessor? http = null)
    {
        var manifest = new AssetManifest
        {
            Release = "0123456789abcdef",
            BaseUrl = BaseUrl,
            Assets = new SortedDictionary<string, AssetManifestEntry>(StringComparer.Ordinal)
            {
                ["css/site.css"] = Entry("css/site.3f2a1b9c0d.css"),
            },
        };
        return new StaticAssetUrls(new StaticAssetCatalog(manifest, BaseUrl, null), AssetUrlStrategy.Unsigned, NullLogger<StaticAssetUrls>.Instance, http);
    }

    private static AssetManifestEntry Entry(string path) => ManifestEntries.Stylesheet(path);
}
