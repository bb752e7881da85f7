using System.Text.Json;
using Microsoft.Extensions.Logging;
using StaticPublish.AspNetCore.Tests.Infrastructure;

namespace StaticPublish.AspNetCore.Tests;

/// <summary>
/// A page that makes the browser load the manifest's stylesheets or scripts from the app rendered local URLs: the app
/// says so once, naming the line to add. Requests are made the way Chromium makes them for a page's subresources
/// (<c>Sec-Fetch-Dest</c>, <c>Referer</c>).
/// </summary>
[TestClass]
public sealed class LocalAssetWarningTests
{
    private const string Line = "@addTagHelper *, StaticPublish.AspNetCore";

    [TestMethod]
    public async Task A_stylesheet_loaded_from_the_app_warns_once_naming_the_ViewImports_line()
    {
        var sample = await PublishedSample.GetAsync();
        await using var app = PublicUrlTests.Factory(sample);
        using var client = app.CreateClient();

        await SubresourceAsync(client, "/css/site.css", "style");
        await SubresourceAsync(client, "/js/site.js", "script");

        var warning = Assert.ContainsSingle(Warnings(app));
        StringAssert.Contains(warning, Line);
        StringAssert.Contains(warning, "'/css/site.css'");
        StringAssert.Contains(warning, "http://localhost/Privacy", "names the page that referenced it");
        StringAssert.Contains(warning, sample.Manifest.BaseUrl + sample.Manifest.Assets["css/site.css"].Path, "names where it is on the CDN");
    }

    [TestMethod]
    public async Task Requests_that_are_not_a_pages_stylesheet_or_script_never_warn()
    {
        var sample = await PublishedSample.GetAsync();
        await using var app = PublicUrlTests.Factory(sample);
        using var client = app.CreateClient();

        await client.GetStringAsync(new Uri("/", UriKind.Relative));
        (await client.GetAsync(new Uri("/css/site.css", UriKind.Relative))).EnsureSuccessStatusCode();
        await SubresourceAsync(client, "/img/logo.png", "image");
        await SubresourceAsync(client, "/Privacy", "document");

        Assert.IsEmpty(Warnings(app), "a probe, an image and a page are not a page's stylesheet or script");
    }

    [TestMethod]
    public async Task The_SDKs_fingerprinted_URL_under_a_PathBase_is_recognised()
    {
        var sample = await PublishedSample.GetAsync();
        await using var app = PublicUrlTests.Factory(sample, pathBase: "/shop");
        using var client = app.CreateClient();
        var sdkUrl = SdkFingerprintedRoute(sample, "css/site.css");
        Assert.AreNotEqual("css/site.css", sdkUrl);

        await client.GetStringAsync(new Uri("/shop/", UriKind.Relative));
        await SubresourceAsync(client, "/shop/" + sdkUrl, "style");

        StringAssert.Contains(Assert.ContainsSingle(Warnings(app)), $"'/shop/{sdkUrl}'");
    }

    private static async Task SubresourceAsync(HttpClient client, string path, string destination)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Sec-Fetch-Dest", destination);
        request.Headers.Referrer = new Uri("http://localhost/Privacy");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static List<string> Warnings(SampleAppFactory app) =>
        [.. app.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains(Line, StringComparison.Ordinal)).Select(e => e.Message)];

    private static string SdkFingerprintedRoute(PublishedSample.Published sample, string label)
    {
        using var endpoints = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(sample.Directory, "*.staticwebassets.endpoints.json").Single()));
        return endpoints.RootElement.GetProperty("Endpoints").EnumerateArray()
            .Where(e => e.GetProperty("EndpointProperties").EnumerateArray()
                .Any(p => p.GetProperty("Name").GetString() == "label" && p.GetProperty("Value").GetString() == label))
            .Select(e => e.GetProperty("Route").GetString()!)
            .First(r => r != label);
    }
}
