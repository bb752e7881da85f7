using StaticPublish.Browser.Tests.Infrastructure;
using StaticPublish.Core.Publishing;

namespace StaticPublish.Browser.Tests;

/// <summary>The harness itself can fail: a page whose assets a real browser blocks is reported, not passed.</summary>
[TestClass]
public sealed class HarnessTests
{
    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static Task InitializeAsync(TestContext context) => BrowserHarness.SampleReady;

    [TestMethod]
    public async Task Without_CORS_on_the_bucket_the_harness_sees_the_browser_block_the_pages_assets()
    {
        // The same publish output, published through the same pipeline to a bucket of its own whose CORS configuration
        // is then removed, whatever the publish set up.
        await using var bucket = await BrowserHarness.Server.CreateBucketAsync("sp-nocors", TestContext.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("sp-nocors-");
        try
        {
            var storage = bucket.CreateOptions("static");
            storage.DefaultAcl = "public-read";
            var manifestPath = Path.Combine(folder.FullName, AssetManifest.FileName);
            var result = await new StaticAssetPublisher().PublishDirectoryAsync(BrowserHarness.Sample.Directory,
                new StaticPublishOptions { Storage = storage, ManifestPath = manifestPath }, cancellationToken: TestContext.CancellationToken);
            await bucket.Client.DeleteCORSConfigurationAsync(bucket.BucketName, TestContext.CancellationToken);
            await using var app = await SampleAppProcess.StartAsync(BrowserHarness.Sample.Directory,
                new Dictionary<string, string> { ["StaticPublish__ManifestPath"] = manifestPath }, cancellationToken: TestContext.CancellationToken);

            await using var probe = await PageProbe.OpenAsync(BrowserHarness.Browser, app.BaseUrl, TestContext);

            await probe.AttachScreenshotAsync();
            var baseUrl = result.Manifest.BaseUrl;
            Assert.AreNotEqual(BrowserHarness.AssetBaseUrl, baseUrl, "the page uses the bucket without CORS");
            var problems = probe.Problems(baseUrl);
            Assert.IsTrue(problems.Any(p => p.StartsWith("console error: ", StringComparison.Ordinal) && p.Contains("CORS", StringComparison.Ordinal)),
                "Chromium reports the CORS block in the console\n" + probe.Describe());
            Assert.IsTrue(probe.FailedRequests.Any(r => r.Contains(baseUrl + "css/site.", StringComparison.Ordinal)),
                "the stylesheet request failed\n" + probe.Describe());
            Assert.AreNotEqual("60px", await probe.StyleAsync("body", "margin-bottom"), "site.css did not apply");
            // The check every page test makes fails here.
            var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => probe.AssertWorksAsync(baseUrl));
            StringAssert.Contains(failure.Message, "CORS");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task A_page_that_loads_a_stylesheet_from_the_app_makes_the_app_warn_once_naming_the_line_to_add()
    {
        await using var app = await SampleAppProcess.StartAsync(BrowserHarness.Sample.Directory, cancellationToken: TestContext.CancellationToken);
        await using var probe = await PageProbe.OpenAsync(BrowserHarness.Browser, new Uri(app.BaseUrl, "/Privacy"), TestContext);
        await probe.AssertWorksAsync(BrowserHarness.AssetBaseUrl);
        Assert.DoesNotContain("@addTagHelper", app.Output, "every asset of the page came from the CDN, so nothing warns");

        // What a view does that hard-codes a root-relative href: Chromium loads it from the app, as a stylesheet.
        await probe.Page.EvaluateAsync("""
            () => new Promise((resolve, reject) => {
                const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/css/site.css' });
                link.onload = resolve;
                link.onerror = () => reject(new Error('/css/site.css did not load'));
                document.head.append(link);
            })
            """);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!app.Output.Contains("@addTagHelper", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.CancellationToken);
        }

        var warnings = app.Output.Split('\n').Where(l => l.Contains("@addTagHelper *, StaticPublish.AspNetCore", StringComparison.Ordinal)).ToList();
        var warning = Assert.ContainsSingle(warnings, app.Output);
        StringAssert.Contains(warning, "'/css/site.css'");
        StringAssert.Contains(warning, new Uri(app.BaseUrl, "/Privacy").ToString(), "names the page");
    }
}
