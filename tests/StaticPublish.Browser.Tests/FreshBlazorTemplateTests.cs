using Microsoft.Playwright;
using StaticPublish.Browser.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Browser.Tests;

/// <summary>
/// What a new Blazor user does: a fresh <c>dotnet new blazor --interactivity Auto</c> outside the repo, the packed
/// packages from a local feed, <c>AddStaticPublish()</c> and one more line (<c>crossorigin</c> on the blazor.web.js
/// script), and nothing else: no page added, the client's <c>appsettings*.json</c> kept. Published with the target to
/// a public-read prefix, run, and the template's own Counter page (<c>InteractiveAuto</c>) clicked in Chromium, first
/// over a Server circuit and then, once the WebAssembly runtime is in the browser's cache, in WebAssembly.
/// </summary>
[TestClass]
public sealed class FreshBlazorTemplateTests
{
    // The app generates it at run time from its ResourceAssetCollection (an endpoint, not a published file).
    private static readonly string[] AppEndpoints = ["/_framework/resource-collection."];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_fresh_Auto_Blazor_app_counts_on_a_Server_circuit_and_then_in_WebAssembly_with_every_asset_from_the_bucket()
    {
        var cancellationToken = TestContext.CancellationToken;
        using var folder = TempFolder.Create("sp-fresh-blazor-");
        await FreshApps.DotNetAsync(folder.Root, ["new", "blazor", "--interactivity", "Auto", "-n", "FreshBlazor", "-o", folder.Root, "--no-restore"]);
        var app = folder.PathOf("FreshBlazor");
        await FreshApps.AddPackagesAsync(Path.Combine(app, "FreshBlazor.csproj"), folder.Root);
        FreshApps.Edit(Path.Combine(app, "Program.cs"), "var app = builder.Build();", "builder.Services.AddStaticPublish();\n\nvar app = builder.Build();");
        // The one more line: a CORS script, so that its import of ./dotnet.js may load from another origin.
        FreshApps.Edit(Path.Combine(app, "Components", "App.razor"),
            """<script src="@Assets["_framework/blazor.web.js"]"></script>""",
            """<script src="@Assets["_framework/blazor.web.js"]" crossorigin="anonymous"></script>""");
        Assert.IsTrue(File.Exists(folder.PathOf(Path.Combine("FreshBlazor.Client", "wwwroot", "appsettings.json"))), "the template's client appsettings.json is kept");

        await using var bucket = await BrowserHarness.Server.CreateBucketAsync("sp-fresh-blazor", cancellationToken);
        var output = folder.PathOf("out");
        var manifest = await FreshApps.PublishAsync(app, bucket, output);
        await using var running = await SampleAppProcess.StartAsync(output, assembly: "FreshBlazor.dll", cancellationToken: cancellationToken);
        var counter = new Uri(running.BaseUrl, "counter");
        var circuit = new Uri(running.BaseUrl, "_blazor").ToString();

        // First visit: nothing is cached, so Auto renders on a Server circuit while the WebAssembly runtime downloads.
        await using var probe = await PageProbe.OpenAsync(BrowserHarness.Browser, counter, TestContext);
        await BlazorCounter.ClickUntilCountedAsync(probe);
        Assert.IsTrue(probe.Requests.Any(r => r.Url.StartsWith(circuit, StringComparison.Ordinal)), "the first visit counted over a Server circuit\n" + probe.Describe());
        await probe.WaitForAsync("() => Object.keys(localStorage).some(k => k.startsWith('blazor-resource-hash:'))", "the WebAssembly runtime loading", timeoutSeconds: 60);
        await probe.AssertWorksAsync(manifest.BaseUrl, AppEndpoints);

        // Second visit, same browser: the runtime is cached, so Auto renders in WebAssembly and no circuit starts.
        var firstVisit = probe.Requests.Count;
        await probe.Page.GotoAsync(counter.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await BlazorCounter.ClickUntilCountedAsync(probe);
        var secondVisit = probe.Requests.Skip(firstVisit).ToList();
        Assert.IsFalse(secondVisit.Any(r => r.Url.StartsWith(circuit, StringComparison.Ordinal)), "the second visit counted without a circuit, in WebAssembly\n" + probe.Describe());

        await probe.AssertWorksAsync(manifest.BaseUrl, AppEndpoints);
        foreach (var (type, prefix) in new[]
        {
            ("stylesheet", "lib/bootstrap/dist/css/bootstrap.min."), ("stylesheet", "app."), ("stylesheet", "FreshBlazor."),
            ("script", "_framework/blazor.web."), ("script", "_framework/dotnet."), ("script", "_content/StaticPublish.AspNetCore/"),
        })
        {
            Assert.IsTrue(probe.Requests.Any(r => r.ResourceType == type && r.Url.StartsWith(manifest.BaseUrl + prefix, StringComparison.Ordinal)),
                $"a {type} {prefix}* came from the bucket\n{probe.Describe()}");
        }

        foreach (var file in new[] { "_framework/dotnet.native.", "_framework/System.Private.CoreLib.", "_framework/FreshBlazor.Client." })
        {
            Assert.IsTrue(probe.Requests.Any(r => r.Url.StartsWith(manifest.BaseUrl + file, StringComparison.Ordinal) && r.Url.EndsWith(".wasm", StringComparison.Ordinal)),
                $"{file}*.wasm came from the bucket\n{probe.Describe()}");
        }

        Assert.IsTrue(probe.Requests.Any(r => r.Url == new Uri(running.BaseUrl, "appsettings.json").ToString()), "the client's appsettings.json came from the app\n" + probe.Describe());
    }
}
