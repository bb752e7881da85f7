using StaticPublish.Browser.Tests.Infrastructure;

namespace StaticPublish.Browser.Tests;

/// <summary>
/// samples/BlazorSample (the <c>dotnet new blazor --interactivity Auto</c> template with <c>AddStaticPublish()</c>)
/// published once and opened in Chromium: its CSS and JS, blazor.web.js and the whole WebAssembly runtime come from
/// the bucket's origin, while the circuit (<c>_blazor</c>) goes to the app.
/// </summary>
[TestClass]
public sealed class BlazorTests
{
    // The app generates it at run time from its ResourceAssetCollection (it is an endpoint, not a published file), so
    // it can only come from the app's origin.
    private static readonly string[] AppEndpoints = ["/_framework/resource-collection."];

    public TestContext TestContext { get; set; } = null!;

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

        await ClickUntilCountedAsync(probe);

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
        await ClickUntilCountedAsync(probe);

        await probe.AssertWorksAsync(AssetBaseUrl, AppEndpoints);
        AssertFromCdn(probe, "script", "_framework/dotnet.");
        foreach (var file in new[] { "_framework/dotnet.native.", "_framework/System.Private.CoreLib.", "_framework/BlazorSample.Client.", "_framework/icudt" })
        {
            Assert.IsTrue(probe.Requests.Any(r => r.Url.StartsWith(AssetBaseUrl + file, StringComparison.Ordinal)), $"{file}* came from the CDN\n{probe.Describe()}");
        }
    }

    private Task<PageProbe> OpenAsync(string path) =>
        PageProbe.OpenAsync(BrowserHarness.Browser, new Uri(BrowserHarness.BlazorApp.BaseUrl, path), TestContext);

    /// <summary>Clicks until the interactive runtime has attached (a click before that changes nothing), then checks one click counts one.</summary>
    private static async Task ClickUntilCountedAsync(PageProbe probe)
    {
        var status = probe.Page.Locator("[role=status]");
        var button = probe.Page.Locator("button.btn-primary");
        await probe.WaitForAsync("() => document.querySelector('[role=status]') !== null", "the counter rendering");
        for (var attempt = 0; attempt < 100 && await status.InnerTextAsync() == "Current count: 0"; attempt++)
        {
            await button.ClickAsync();
            await Task.Delay(200);
        }

        var before = await status.InnerTextAsync();
        if (before == "Current count: 0")
        {
            await probe.FailAsync("the counter never counted a click: the interactive runtime did not start");
        }

        var count = int.Parse(before["Current count: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        await button.ClickAsync();
        await probe.WaitForAsync($"() => document.querySelector('[role=status]').textContent === 'Current count: {count + 1}'", "one more click counted");
    }

    private static void AssertFromCdn(PageProbe probe, string type, string prefix) =>
        Assert.IsTrue(probe.Requests.Any(r => r.ResourceType == type && r.Url.StartsWith(AssetBaseUrl + prefix, StringComparison.Ordinal)),
            $"a {type} {prefix}* came from the CDN\n{probe.Describe()}");
}
