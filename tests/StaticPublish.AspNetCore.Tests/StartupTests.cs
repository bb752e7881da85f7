using Microsoft.Extensions.Logging;
using StaticPublish.AspNetCore.Tests.Infrastructure;

namespace StaticPublish.AspNetCore.Tests;

[TestClass]
public sealed class StartupTests
{
    [TestMethod]
    public async Task In_development_a_missing_manifest_renders_local_paths_and_says_why()
    {
        var sample = await PublishedSample.GetAsync();
        var missing = Path.Combine(sample.Directory, "no-such-manifest.json");
        await using var app = new SampleAppFactory(sample.Directory, "Development",
            new Dictionary<string, string?> { ["StaticPublish:ManifestPath"] = missing }, pathBase: "/app");
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(new Uri("/app/", UriKind.Relative));

        var urls = Html.Elements(html, "link", "script", "img").Select(e => e.Url).Where(u => u is not null).ToList();
        Assert.IsNotEmpty(urls);
        Assert.IsTrue(urls.All(u => u!.StartsWith("/app/", StringComparison.Ordinal)), "local paths under the PathBase:\n" + string.Join('\n', urls));
        Assert.IsTrue(app.Logs.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains(missing, StringComparison.Ordinal) && e.Message.Contains("local paths", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task In_production_a_missing_manifest_is_a_startup_error_naming_the_path()
    {
        var sample = await PublishedSample.GetAsync();
        await using var app = new SampleAppFactory(sample.Directory, "Production",
            new Dictionary<string, string?> { ["StaticPublish:ManifestPath"] = "missing.manifest.json" });

        var error = Assert.Throws<Exception>(() => app.CreateClient());

        var message = error.ToString();
        StringAssert.Contains(message, "SPUB2005");
        StringAssert.Contains(message, "'missing.manifest.json' was not found in '" + sample.Directory);
    }

    [TestMethod]
    public async Task In_production_an_unreadable_manifest_is_a_startup_error_naming_the_file()
    {
        var sample = await PublishedSample.GetAsync();
        var broken = Path.Combine(sample.Directory, "broken.manifest.json");
        await File.WriteAllTextAsync(broken, "{ this is not json");
        await using var app = new SampleAppFactory(sample.Directory, "Production",
            new Dictionary<string, string?> { ["StaticPublish:ManifestPath"] = broken });

        var error = Assert.Throws<Exception>(() => app.CreateClient());

        StringAssert.Contains(error.ToString(), $"SPUB2005: The StaticPublish manifest '{broken}' is not valid JSON");
    }

    [TestMethod]
    public async Task Invalid_settings_fail_startup_with_the_setting_named()
    {
        var sample = await PublishedSample.GetAsync();
        await using var app = new SampleAppFactory(sample.Directory, "Production", new Dictionary<string, string?>
        {
            ["StaticPublish:ManifestPath"] = sample.ManifestPath,
            ["StaticPublish:UrlMode"] = "CloudFrontSigned",
        });

        var error = Assert.Throws<Exception>(() => app.CreateClient());

        StringAssert.Contains(error.ToString(), "SPUB2003: StaticPublish:CloudFront:KeyPairId is required");
    }
}
