using StaticPublish.Browser.Tests.Infrastructure;

namespace StaticPublish.Browser.Tests;

/// <summary>
/// samples/BlazorSample (the <c>dotnet new blazor --interactivity Auto</c> template with <c>AddStaticPublish()</c>)
/// published once and opened in Chromium: its CSS and JS, blazor.web.js and the whole WebAssembly runtime come from
/// the bucket's origin, while the circuit (<c>_blazor</c>) and the client's <c>appsettings.json</c> go to the app.
/// </summary>
[TestClass]
public sealed class BlazorTests
{
    // The app generates it at run time from its ResourceAssetCollection (it is an endpoint, not a published file), so
    // it can only come from the app's origin.
    private static readonly string[] AppEndpoints = ["/_framework/resource-collection."];

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static Task InitializeAsync(TestContext context) => BrowserHarness.BlazorReady;

    private static string AssetBaseUrl => BrowserHarness.Blazor.Manifest.BaseUrl;

    [TestMethod]
    public async Task Home_renders_with_bootstrap_app_css_and_scoped_css_from_the_CDN()
    {
        await using var probe = await OpenAsync("/");

        await probe.AssertWorksAsync(AssetBaseUrl, AppEndpoints);
        Assert.AreEqual("flex", await probe.StyleAsync(".top-row", "display"), "the scoped CSS bundle applies");
        Assert.AreNotEqual("", await probe.StyleAsync("h1:focus", "outline"), "app.css applies");
        AssertFromCdn(probe, "stylesheet", "lib/bootstrap/dist/css/bootstrap.min.");
        AssertFromCdn(probe, "stylesheet", "app.");
        AssertFromCdn(probe, "stylesheet", "BlazorSample.");
        AssertFromCdn(probe, "script", "_framework/blazor.web.");
    }

    [TestMethod]
    public async Task The_Server_counter_increments_over_the_circuit_while_blazor_web_js_comes_from_the_CDN()
    {
        await using var probe = await OpenAsync("/counter-server");

        await BlazorCounter.ClickUntilCountedAsync(probe);

        await probe.AssertWorksAsync(AssetBaseUrl, AppEndpoints);
        Assert.AreEqual("server", await probe.Page.Locator("#runtime").InnerTextAsync());
        AssertFromCdn(probe, "script", "_framework/blazor.web.");
        Assert.IsTrue(probe.Requests.Any(r => r.Url.StartsWith(new Uri(BrowserHarness.BlazorApp.BaseUrl, "_blazor").ToString(), StringComparison.Ordinal)),
            "the circuit connected to the app\n" + probe.Describe());
    }

    [TestMethod]
    public async Task The_WebAssembly_counter_increments_with_the_runtime_and_assemblies_from_the_CDN()
    {
        await using var probe = await OpenAsync("/counter-wasm");

        await probe.WaitForAsync("() => document.querySelector('#runtime')?.textContent === 'webassembly'", "the WebAssembly runtime rendering the page", timeoutSeconds: 60);
        await BlazorCounter.ClickUntilCountedAsync(probe);

        await probe.AssertWorksAsync(AssetBaseUrl, AppEndpoints);
        AssertFromCdn(probe, "script", "_framework/dotnet.");
        foreach (var file in new[] { "_framework/dotnet.native.", "_framework/System.Private.CoreLib.", "_framework/BlazorSample.Client.", "_framework/icudt" })
        {
            Assert.IsTrue(probe.Requests.Any(r => r.Url.StartsWith(AssetBaseUrl + file, StringComparison.Ordinal)), $"{file}* came from the CDN\n{probe.Describe()}");
        }

        // The client's appsettings.json: StaticPublish.AspNetCore's JS initializer (itself from the CDN) has the runtime
        // fetch it, with the credentials it asks for, from the app; the runtime read it.
        AssertFromCdn(probe, "script", "_content/StaticPublish.AspNetCore/StaticPublish.AspNetCore.");
        Assert.IsTrue(probe.Requests.Any(r => r.Url == new Uri(BrowserHarness.BlazorApp.BaseUrl, "appsettings.json").ToString()),
            "appsettings.json came from the app\n" + probe.Describe());
        Assert.AreEqual("Information", await probe.Page.Locator("#log-level").InnerTextAsync(), "the client's appsettings.json was loaded");
    }

    [TestMethod]
    public async Task Without_the_JS_initializer_the_runtime_fails_to_fetch_appsettings_from_the_CDN_with_credentials()
    {
        // The page as the app renders it, minus the list of JS initializers: a listener that runs before blazor.web.js's
        // own (init scripts run first) removes it. Routing the document instead would make Chromium treat the page as
        // public and block every loopback request.
        await using var probe = await PageProbe.OpenAsync(BrowserHarness.Browser, new Uri(BrowserHarness.BlazorApp.BaseUrl, "/counter-wasm"), TestContext,
            page => page.AddInitScriptAsync("""
                document.addEventListener('DOMContentLoaded', () => {
                  const comments = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
                  const initializers = [];
                  while (comments.nextNode()) {
                    if (comments.currentNode.textContent.trim().startsWith('Blazor-Web-Initializers:')) {
                      initializers.push(comments.currentNode);
                    }
                  }
                  initializers.forEach(comment => comment.remove());
                });
                """));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!probe.FailedRequests.Any(IsAppSettingsFromCdn) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await probe.AttachScreenshotAsync();
        Assert.IsTrue(probe.FailedRequests.Any(IsAppSettingsFromCdn), "the credentialed fetch of appsettings.json from the CDN failed\n" + probe.Describe());
        Assert.IsFalse(probe.Requests.Any(r => r.Url.Contains("/StaticPublish.AspNetCore.", StringComparison.Ordinal)), "no initializer was imported\n" + probe.Describe());
        Assert.IsTrue(probe.ConsoleErrors.Any(e => e.Contains("appsettings.json", StringComparison.Ordinal) && e.Contains("CORS", StringComparison.Ordinal)),
            "Chromium reports the CORS block\n" + probe.Describe());

        static bool IsAppSettingsFromCdn(string request) => request.StartsWith($"GET {AssetBaseUrl}appsettings.json", StringComparison.Ordinal);
    }

    private Task<PageProbe> OpenAsync(string path) =>
        PageProbe.OpenAsync(BrowserHarness.Browser, new Uri(BrowserHarness.BlazorApp.BaseUrl, path), TestContext);

    private static void AssertFromCdn(PageProbe probe, string type, string prefix) =>
        Assert.IsTrue(probe.Requests.Any(r => r.ResourceType == type && r.Url.StartsWith(AssetBaseUrl + prefix, StringComparison.Ordinal)),
            $"a {type} {prefix}* came from the CDN\n{probe.Describe()}");
}
