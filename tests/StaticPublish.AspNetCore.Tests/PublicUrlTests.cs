using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.Extensions.DependencyInjection;
using StaticPublish.AspNetCore.Tests.Infrastructure;
using StaticPublish.AspNetCore.Urls;

namespace StaticPublish.AspNetCore.Tests;

/// <summary>The sample app's pages rendered against its real published manifest, with every URL fetched from S3.</summary>
[TestClass]
public sealed class PublicUrlTests
{
    private static readonly HttpClient Browser = new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip });

    [TestMethod]
    public async Task Every_asset_reference_points_at_the_base_and_serves_bytes_matching_its_integrity()
    {
        var sample = await PublishedSample.GetAsync();
        await using var app = Factory(sample);
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        var elements = Html.Elements(html, "link", "script", "img").Where(e => e.Url is not null).ToList();
        Assert.IsGreaterThanOrEqualTo(9, elements.Count, html);
        foreach (var element in elements)
        {
            StringAssert.StartsWith(element.Url, sample.Manifest.BaseUrl, $"<{element.Name}> in:\n{html}");
            Assert.IsFalse(element.Url!.Contains("?v=", StringComparison.Ordinal), $"asp-append-version adds no second version: {element.Url}");
            var bytes = await Browser.GetByteArrayAsync(new Uri(element.Url));
            if (element.Name != "img")
            {
                Assert.AreEqual("sha256-" + Convert.ToBase64String(SHA256.HashData(bytes)), element["integrity"], element.Url);
                Assert.AreEqual("anonymous", element["crossorigin"], element.Url);
            }
        }

        // The template's references all made it: @Assets[...], asp-append-version, RCL, scoped CSS, scripts and images.
        var urls = elements.Select(e => e.Url!).ToList();
        foreach (var path in new[]
        {
            "lib/bootstrap/dist/css/bootstrap.min.css", "css/site.css", "css/fonts.css", "SampleApp.styles.css",
            "_content/SampleComponents/components.css", "lib/jquery/dist/jquery.min.js", "js/site.js", "img/logo.png",
            "_content/SampleComponents/background.png",
        })
        {
            var expected = sample.Manifest.BaseUrl + sample.Manifest.Assets[path].Path;
            CollectionAssert.Contains(urls, expected, path);
        }
    }

    [TestMethod]
    public async Task The_import_map_maps_modules_to_their_cdn_urls_with_integrity()
    {
        var sample = await PublishedSample.GetAsync();
        await using var app = Factory(sample);
        using var client = app.CreateClient();

        var json = Html.ImportMap(await client.GetStringAsync(new Uri("/", UriKind.Relative)));

        Assert.IsNotNull(json, "the layout's <script type=\"importmap\"> is rendered");
        using var map = JsonDocument.Parse(json);
        var module = sample.Manifest.Assets["_content/SampleComponents/exampleJsInterop.js"];
        var url = sample.Manifest.BaseUrl + module.Path;
        Assert.AreEqual(url, map.RootElement.GetProperty("imports").GetProperty("/_content/SampleComponents/exampleJsInterop.js").GetString());
        Assert.AreEqual(module.Integrity, map.RootElement.GetProperty("integrity").GetProperty(url).GetString());
    }

    [TestMethod]
    public async Task Code_resolves_urls_keeping_query_and_fragment_and_leaves_unknown_paths_local()
    {
        var sample = await PublishedSample.GetAsync();
        await using var app = Factory(sample, pathBase: "/shop");
        using var client = app.CreateClient();
        var urls = app.Services.GetRequiredService<IStaticAssetUrls>();
        var site = sample.Manifest.BaseUrl + sample.Manifest.Assets["css/site.css"].Path;

        Assert.AreEqual(site, urls.Get("css/site.css"));
        Assert.AreEqual(site, urls["/css/site.css"]);
        Assert.AreEqual(site + "?theme=dark#top", urls.Get("~/css/site.css?theme=dark#top"));
        Assert.AreEqual("/not/in/manifest.css", urls.Get("not/in/manifest.css"));
        Assert.IsTrue(urls.TryGet("css/site.css".AsSpan(), out var found));
        Assert.AreEqual(site, found);
        Assert.AreEqual(sample.Manifest.Release, urls.Release);

        // Url.Content (which Razor uses for every ~/ attribute) goes through the manifest too; PathBase stays for local paths.
        var page = await client.GetAsync(new Uri("/shop/Privacy", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        StringAssert.Contains(html, $"href=\"{site}\"", "CDN URLs are absolute, whatever the PathBase");
        StringAssert.Contains(html, "href=\"/shop/Privacy\"", "page links keep the PathBase");
        using var scope = app.Services.CreateScope();
        var factory = scope.ServiceProvider.GetRequiredService<IUrlHelperFactory>();
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.PathBase = "/shop";
        var context = new ActionContext(http, new Microsoft.AspNetCore.Routing.RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor());
        var helper = factory.GetUrlHelper(context);
        Assert.AreEqual(site + "?v=1", helper.Content("~/css/site.css?v=1"));
        Assert.AreEqual("/shop/about", helper.Content("~/about"));
    }

    [TestMethod]
    public async Task The_health_check_reports_the_bucket_and_the_cdn()
    {
        var sample = await PublishedSample.GetAsync();
        await using var app = Factory(sample, new Dictionary<string, string?>
        {
            ["StaticPublish:Storage:BucketName"] = sample.Bucket.BucketName,
            ["StaticPublish:Storage:EndpointUrl"] = sample.Bucket.Server.Settings.Endpoint.ToString().TrimEnd('/'),
            ["StaticPublish:Storage:AccessKey"] = sample.Bucket.Server.Settings.AccessKey,
            ["StaticPublish:Storage:SecretKey"] = sample.Bucket.Server.Settings.SecretKey,
            ["StaticPublish:HealthCheckAsset"] = "img/logo.png",
        });
        using var client = app.CreateClient();

        var healthy = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.OK, healthy.StatusCode);
        Assert.AreEqual("Healthy", await healthy.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task The_health_check_is_degraded_with_the_fix_when_the_cdn_does_not_answer_cors_for_the_apps_origin()
    {
        // A "CDN" without CORS: another bucket, never published to, holding the probe asset publicly at the same path.
        var sample = await PublishedSample.GetAsync();
        await using var cdn = await sample.Bucket.Server.CreateBucketAsync("sp-nocors");
        var logo = sample.Manifest.Assets["img/logo.png"];
        using (var original = await sample.Bucket.Client.GetObjectAsync(sample.Bucket.BucketName, logo.Key))
        {
            using var copy = new MemoryStream();
            await original.ResponseStream.CopyToAsync(copy);
            await cdn.Client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest
            {
                BucketName = cdn.BucketName,
                Key = logo.Key,
                InputStream = new MemoryStream(copy.ToArray()),
                CannedACL = Amazon.S3.S3CannedACL.PublicRead,
                UseChunkEncoding = false,
            });
        }

        await using var app = Factory(sample, new Dictionary<string, string?>
        {
            ["StaticPublish:BaseUrl"] = $"{cdn.Server.Settings.Endpoint}{cdn.BucketName}/static/",
            ["StaticPublish:HealthCheckAsset"] = "img/logo.png",
        });
        using var client = app.CreateClient();

        var degraded = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var report = await app.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync();

        Assert.AreEqual("Degraded", await degraded.Content.ReadAsStringAsync(), "the assets are served, but browsers will block them");
        var entry = report.Entries["staticpublish"];
        StringAssert.StartsWith(entry.Description, "SPUB1014: browsers will block the assets' CSS, JS and fonts, because");
        StringAssert.Contains(entry.Description, "sent no Access-Control-Allow-Origin to a GET from");
        StringAssert.Contains(entry.Description, "init-bucket --origin");
    }

    [TestMethod]
    public async Task Assets_under_kept_names_get_no_integrity_because_their_bytes_change_in_place()
    {
        var sample = await PublishedSample.GetAsync();
        var manifest = sample.Manifest with { Assets = new(sample.Manifest.Assets) };
        var site = manifest.Assets["js/site.js"];
        manifest.Assets["js/site.js"] = site with { Fingerprinted = false, Key = site.Original!.Key, Path = "js/site.js", Original = null };
        var path = Path.Combine(Path.GetTempPath(), $"sp-kept-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(manifest));
        try
        {
            await using var app = Factory(sample, new Dictionary<string, string?> { ["StaticPublish:ManifestPath"] = path });
            using var client = app.CreateClient();

            var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

            var scripts = Html.Elements(html, "script").Where(e => e.Url is not null).ToList();
            var kept = scripts.Single(e => e.Url == sample.Manifest.BaseUrl + "js/site.js");
            Assert.IsNull(kept["integrity"], "a hash would block the next release's bytes under the same URL");
            Assert.IsNull(kept["crossorigin"]);
            Assert.IsTrue(scripts.Where(e => e != kept).All(e => e["integrity"] is not null), "fingerprinted scripts keep theirs");
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static SampleAppFactory Factory(
        PublishedSample.Published sample, Dictionary<string, string?>? settings = null, string environment = "Production", TimeProvider? time = null, string? pathBase = null,
        Action<StaticPublish.AspNetCore.Configuration.StaticPublishRuntimeOptions>? configure = null)
    {
        var all = new Dictionary<string, string?> { ["StaticPublish:ManifestPath"] = sample.ManifestPath };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new SampleAppFactory(sample.Directory, environment, all, time, pathBase, configure);
    }
}
