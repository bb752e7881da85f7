using StaticPublish.Browser.Tests.Infrastructure;

namespace StaticPublish.Browser.Tests;

/// <summary>
/// The published sample's pages in a real Chromium, served by the published app on one origin with every asset on
/// the bucket's origin. Unlike an HttpClient fetch, the browser enforces CORS, SRI and MIME types and lets libraries
/// load their own sibling files, so a page here only passes when a person would see it styled and working.
/// </summary>
[TestClass]
public sealed class PageTests
{
    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static Task InitializeAsync(TestContext context) => BrowserHarness.SampleReady;

    [TestMethod]
    public async Task Index_renders_with_bootstrap_site_css_scoped_css_the_RCL_styles_and_the_web_font_from_the_CDN()
    {
        await using var probe = await OpenAsync("/");

        await probe.AssertWorksAsync(BrowserHarness.AssetBaseUrl);
        await AssertLayoutStyledAsync(probe);
        // The RCL's stylesheet, and the url() in it rewritten to the fingerprinted image on the CDN.
        Assert.AreEqual("16px", await probe.StyleAsync(".sample-components-card", "padding-top"), "components.css from SampleComponents applies");
        StringAssert.StartsWith(await probe.StyleAsync(".sample-components-card", "background-image"), $"url(\"{BrowserHarness.AssetBaseUrl}_content/SampleComponents/background.");
        // colors.css, which fonts.css @imports. (The card's .pattern image loses to components.css's background, which comes later.)
        Assert.AreEqual("#258cfb", await probe.StyleAsync(":root", "--brand"), "colors.css, @imported by fonts.css, applies");
        StringAssert.StartsWith(await probe.StyleAsync(".hero", "background-image"), $"url(\"{BrowserHarness.AssetBaseUrl}img/hero%20banner.");
        Assert.IsTrue(await probe.Page.EvaluateAsync<bool>("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"), "every <img> loaded\n" + probe.Describe());
        await AssertWebFontLoadedAsync(probe);
    }

    [TestMethod]
    public async Task Privacy_renders_with_the_layout_styles_and_the_web_font_from_the_CDN()
    {
        await using var probe = await OpenAsync("/Privacy");

        await probe.AssertWorksAsync(BrowserHarness.AssetBaseUrl);
        await AssertLayoutStyledAsync(probe);
        await AssertWebFontLoadedAsync(probe);
    }

    [TestMethod]
    public async Task Editor_initialises_TinyMCE_which_loads_its_theme_skin_and_plugins_from_the_CDN()
    {
        await using var probe = await OpenAsync("/Editor");
        if (await probe.Page.Locator(".alert-warning").CountAsync() > 0)
        {
            await probe.FailAsync("the page says TinyMCE is not installed: " + await probe.Page.Locator(".alert-warning").InnerTextAsync());
        }

        await probe.WaitForAsync("() => window.editorReady === true", "TinyMCE's init event");

        await probe.AssertWorksAsync(BrowserHarness.AssetBaseUrl);
        Assert.AreEqual(1, await probe.Page.Locator(".tox-edit-area iframe").CountAsync(), "TinyMCE rendered its editing iframe\n" + probe.Describe());
        var content = await probe.Page.FrameLocator(".tox-edit-area iframe").Locator("body").InnerTextAsync();
        StringAssert.Contains(content, "Hello from TinyMCE", "the textarea's content is in the editor");
        // TinyMCE found its base URL from its own <script> and fetched a sibling by name from the CDN.
        var theme = BrowserHarness.AssetBaseUrl + "lib/tinymce/themes/silver/theme.min.js";
        Assert.IsTrue(probe.Requests.Any(r => r.Url == theme), $"TinyMCE loaded {theme}\n{probe.Describe()}");
    }

    [TestMethod]
    public async Task Modules_runs_an_ES_module_that_imports_its_sibling_from_the_CDN()
    {
        await using var probe = await OpenAsync("/Modules");

        await probe.WaitForAsync("() => window.moduleResult !== undefined", "js/modules/app.js running");

        await probe.AssertWorksAsync(BrowserHarness.AssetBaseUrl);
        Assert.AreEqual("2 modules loaded", await probe.Page.EvaluateAsync<string>("() => window.moduleResult"));
        Assert.AreEqual("2 modules loaded", await probe.Page.Locator("#module-result").InnerTextAsync());
        Assert.IsTrue(probe.Requests.Any(r => r.ResourceType == "script" && r.Url.StartsWith(BrowserHarness.AssetBaseUrl + "js/modules/format", StringComparison.Ordinal)),
            "format.js came from the CDN\n" + probe.Describe());
    }

    private Task<PageProbe> OpenAsync(string path) =>
        PageProbe.OpenAsync(BrowserHarness.Browser, new Uri(BrowserHarness.App.BaseUrl, path), TestContext);

    private static async Task AssertLayoutStyledAsync(PageProbe probe)
    {
        Assert.AreEqual("flex", await probe.StyleAsync("nav.navbar", "display"), "bootstrap.min.css applies");
        Assert.AreEqual("60px", await probe.StyleAsync("body", "margin-bottom"), "site.css applies");
        StringAssert.StartsWith(await probe.StyleAsync("body", "font-family"), "\"Open Sans\"", "fonts.css applies");
        // The scoped CSS bundle (SampleApp.styles.css, from Pages/Shared/_Layout.cshtml.css) styles the layout's own
        // elements: Bootstrap has no .footer or .box-shadow. (Razor adds no scope attribute to tag-helper elements such
        // as <a asp-page>, so their rules in that file never match.)
        Assert.AreEqual("absolute", await probe.StyleAsync("footer.footer", "position"), "the scoped CSS bundle applies");
        Assert.AreEqual("rgba(0, 0, 0, 0.05) 0px 4px 12px 0px", await probe.StyleAsync("nav.navbar", "box-shadow"), "the scoped CSS bundle applies");
    }

    private static async Task AssertWebFontLoadedAsync(PageProbe probe)
    {
        var statuses = await probe.Page.EvaluateAsync<string[]>(
            "async () => { await document.fonts.ready; return [...document.fonts].filter(f => f.family.replace(/[\"']/g, '') === 'Open Sans').map(f => f.status); }");
        CollectionAssert.Contains(statuses, "loaded", $"the Open Sans FontFace loaded (statuses: {string.Join(", ", statuses)})\n{probe.Describe()}");
        Assert.IsTrue(probe.Requests.Any(r => r.ResourceType == "font" && r.Url.StartsWith(BrowserHarness.AssetBaseUrl + "fonts/", StringComparison.Ordinal)),
            "the font came from the CDN\n" + probe.Describe());
    }
}
