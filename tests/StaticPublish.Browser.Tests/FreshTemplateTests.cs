using StaticPublish.Browser.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Browser.Tests;

/// <summary>
/// What a new user does: a fresh <c>dotnet new webapp</c> outside the repo, the packed packages from a local feed,
/// TinyMCE in <c>wwwroot/lib</c> and <c>AddStaticPublish()</c>, and nothing else (no <c>_ViewImports</c> line), published
/// with the target to a public-read prefix, run, and opened in Chromium.
/// </summary>
[TestClass]
public sealed class FreshTemplateTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_fresh_webapp_with_TinyMCE_renders_styled_from_the_bucket_with_no_console_error()
    {
        var cancellationToken = TestContext.CancellationToken;
        using var folder = TempFolder.Create("sp-fresh-webapp-");
        var app = folder.PathOf("FreshApp");
        await FreshApps.DotNetAsync(folder.Root, ["new", "webapp", "-n", "FreshApp", "-o", app, "--no-restore"]);
        await FreshApps.AddPackagesAsync(Path.Combine(app, "FreshApp.csproj"), folder.Root);
        FreshApps.Edit(Path.Combine(app, "Program.cs"), "builder.Services.AddRazorPages();", "builder.Services.AddRazorPages();\nbuilder.Services.AddStaticPublish();");
        CopyDirectory(Path.Combine(RepoPaths.SampleApp, "wwwroot", "lib", "tinymce"), Path.Combine(app, "wwwroot", "lib", "tinymce"));
        File.AppendAllText(Path.Combine(app, "Pages", "Index.cshtml"), """

            <textarea id="editor">Hello from a fresh app</textarea>
            @section Scripts {
                <script src="~/lib/tinymce/tinymce.min.js"></script>
                <script>tinymce.init({ selector: '#editor', promotion: false, init_instance_callback: () => { window.editorReady = true; } });</script>
            }
            """);

        await using var bucket = await BrowserHarness.Server.CreateBucketAsync("sp-fresh", cancellationToken);
        var output = folder.PathOf("out");
        var manifest = await FreshApps.PublishAsync(app, bucket, output);
        await using var running = await SampleAppProcess.StartAsync(output, assembly: "FreshApp.dll", cancellationToken: cancellationToken);

        await using var probe = await PageProbe.OpenAsync(BrowserHarness.Browser, running.BaseUrl, TestContext);
        await probe.WaitForAsync("() => window.editorReady === true", "TinyMCE's init event");

        await probe.AssertWorksAsync(manifest.BaseUrl);
        Assert.AreEqual("flex", await probe.StyleAsync("nav.navbar", "display"), "bootstrap.min.css applies");
        Assert.AreEqual("60px", await probe.StyleAsync("body", "margin-bottom"), "the template's site.css applies");
        Assert.AreEqual(1, await probe.Page.Locator(".tox-edit-area iframe").CountAsync(), "TinyMCE rendered its editor\n" + probe.Describe());
        var assets = probe.Requests.Where(r => r.ResourceType is "stylesheet" or "script" or "image" or "font").ToList();
        Assert.IsGreaterThanOrEqualTo(8, assets.Count, probe.Describe());
        Assert.IsTrue(assets.All(r => r.Url.StartsWith(manifest.BaseUrl, StringComparison.Ordinal)), "every asset from the bucket's origin\n" + probe.Describe());
    }

    private static void CopyDirectory(string from, string to)
    {
        Assert.IsTrue(Directory.Exists(from), $"{from} exists: run bash build/sample-libs.sh");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
