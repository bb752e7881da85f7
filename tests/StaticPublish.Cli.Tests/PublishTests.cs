using System.Text.RegularExpressions;
using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Text;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests;

[TestClass]
public sealed partial class PublishTests : BucketTestClass<PublishTests>
{
    [TestMethod]
    public async Task Publish_uploads_a_plain_folder_with_plain_progress_lines_a_summary_and_a_step_summary()
    {
        using var folder = AssetFolder.Plain();
        var prefix = UniqueNames.Prefix("pub");
        var manifestPath = Path.Combine(folder.Root, "out", AssetManifest.FileName);
        var stepSummary = Path.Combine(folder.Root, "step-summary.md");
        var environment = Tool.Environment(Bucket.EnvironmentVariables, ("GITHUB_STEP_SUMMARY", stepSummary));

        var result = await Tool.RunAsync(environment, "publish", folder.Assets, "--prefix", prefix, "--manifest", manifestPath, "--base-url", "https://cdn.example.com/static/");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var manifest = AssetManifestReader.Read(manifestPath);
        CollectionAssert.AreEquivalent(AssetFolder.LogicalPaths.ToList(), manifest.Assets.Keys.ToList());
        Assert.AreEqual("https://cdn.example.com/static/", manifest.BaseUrl);
        var total = manifest.Assets.Values.Sum(e => 2 * e.Size);
        var progress = result.Lines.Where(l => l.StartsWith("uploaded ", StringComparison.Ordinal)).ToList();
        Assert.HasCount(10, progress, "one plain progress line per uploaded object: each asset under its fingerprinted and its original name");
        CollectionAssert.AreEquivalent(manifest.Assets.Values.SelectMany(e => new[] { e.Key, e.Original!.Key }).ToList(), progress.Select(l => l.Split(' ')[1]).ToList());
        StringAssert.EndsWith(progress[^1], $"[10/10 files, {PublishResult.FormatBytes(total)}/{PublishResult.FormatBytes(total)}]");
        StringAssert.Matches(result.Lines[^1], SummaryPattern(assets: 5, objects: 10, uploaded: 10, unchanged: 0));
        Assert.IsFalse(result.Output.Contains('\u001b', StringComparison.Ordinal), "plain mode writes no ANSI escapes");

        var css = manifest.Assets["css/site.css"];
        var head = await Bucket.Client.GetObjectMetadataAsync(Bucket.BucketName, css.Key);
        Assert.AreEqual("text/css", head.Headers.ContentType);
        Assert.AreEqual("gzip", head.Headers.ContentEncoding);
        Assert.IsTrue(CacheControlHeader.AreEquivalent(StaticPublishOptions.DefaultCacheControl, head.Headers.CacheControl), head.Headers.CacheControl);

        var markdown = await File.ReadAllTextAsync(stepSummary);
        StringAssert.Contains(markdown, "### StaticPublish publish");
        StringAssert.Contains(markdown, "| assets | uploaded | bytes | gzipped | unchanged | deleted | release |");
        StringAssert.Contains(markdown, $"| 5 | 10 | {PublishResult.FormatBytes(total)} |");
    }

    [TestMethod]
    public async Task A_second_publish_uploads_nothing_and_a_terminal_less_run_without_CI_is_plain_too()
    {
        using var folder = AssetFolder.Plain();
        var prefix = UniqueNames.Prefix("again");
        var manifestPath = Path.Combine(folder.Root, AssetManifest.FileName);
        string[] arguments = ["publish", folder.Assets, "--prefix", prefix, "--manifest", manifestPath];

        var first = await Tool.RunAsync(Bucket.EnvironmentVariables, arguments);
        var second = await Tool.RunAsync(Tool.Environment(Bucket.EnvironmentVariables, ("CI", "")), arguments);

        Assert.AreEqual(0, first.ExitCode, first.ToString());
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        StringAssert.Matches(second.Lines[^1], SummaryPattern(assets: 5, objects: 10, uploaded: 0, unchanged: 10));
        Assert.IsFalse(second.Lines.Any(l => l.StartsWith("uploaded ", StringComparison.Ordinal)), second.ToString());
        Assert.IsFalse(second.Output.Contains('\u001b', StringComparison.Ordinal), "redirected output gets no live display");
    }

    [TestMethod]
    public async Task Options_come_from_STATICPUBLISH_variables_and_command_line_options_win()
    {
        using var folder = AssetFolder.Plain();
        var fromVariable = UniqueNames.Prefix("env");
        var fromOption = UniqueNames.Prefix("opt");
        var manifestPath = Path.Combine(folder.Root, AssetManifest.FileName);
        var environment = Tool.Environment(Bucket.EnvironmentVariables,
            ("STATICPUBLISH_PREFIX", fromVariable), ("STATICPUBLISH_CACHE_CONTROL", "public, max-age=600"), ("STATICPUBLISH_MANIFEST", manifestPath));

        var viaVariables = await Tool.RunAsync(environment, "publish", folder.Assets);
        var manifest = AssetManifestReader.Read(manifestPath);
        var overridden = await Tool.RunAsync(environment, "publish", folder.Assets, "--prefix", fromOption, "--cache-control", "public, max-age=60");
        var overriddenManifest = AssetManifestReader.Read(manifestPath);

        Assert.AreEqual(0, viaVariables.ExitCode, viaVariables.ToString());
        Assert.AreEqual(0, overridden.ExitCode, overridden.ToString());
        Assert.IsTrue(manifest.Assets.Values.All(e => e.Key.StartsWith(fromVariable + "/", StringComparison.Ordinal)));
        Assert.AreEqual("public, max-age=600", manifest.Assets["css/site.css"].CacheControl);
        Assert.IsTrue(overriddenManifest.Assets.Values.All(e => e.Key.StartsWith(fromOption + "/", StringComparison.Ordinal)));
        Assert.AreEqual("public, max-age=60", overriddenManifest.Assets["css/site.css"].CacheControl);
    }

    [TestMethod]
    public async Task A_publish_output_is_collected_from_its_endpoints_manifest_and_gets_the_manifest_beside_wwwroot()
    {
        using var folder = AssetFolder.PublishOutput();
        var prefix = UniqueNames.Prefix("sdk");

        var result = await Tool.RunAsync(Bucket.EnvironmentVariables, "publish", folder.Root, "--prefix", prefix);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var manifest = AssetManifestReader.Read(Path.Combine(folder.Root, AssetManifest.FileName));
        CollectionAssert.AreEquivalent(AssetFolder.LogicalPaths.Append("App.styles.css").ToList(), manifest.Assets.Keys.ToList(),
            "the scoped CSS bundle goes by its label; the precompressed .gz sibling is not an asset");
        Assert.AreEqual("image/svg+xml", manifest.Assets["img/logo.svg"].ContentType);
        StringAssert.Matches(result.Lines[^1], SummaryPattern(assets: 6, objects: 12, uploaded: 12, unchanged: 0));
        Assert.AreEqual($"{prefix}/App.k3x9q2w7zp.styles.css", manifest.Assets["App.styles.css"].Key, "the SDK's own fingerprint is kept, not doubled");
        Assert.AreEqual($"{prefix}/App.styles.css", manifest.Assets["App.styles.css"].Original!.Key);
    }

    [TestMethod]
    public async Task Dry_run_plans_without_writing_anything()
    {
        using var folder = AssetFolder.Plain();
        var prefix = UniqueNames.Prefix("dry");
        var manifestPath = Path.Combine(folder.Root, AssetManifest.FileName);

        var result = await Tool.RunAsync(Bucket.EnvironmentVariables, "publish", folder.Assets, "--prefix", prefix, "--manifest", manifestPath, "--dry-run");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Lines[^1], "StaticPublish (dry run): 5 assets in 10 objects, 10 to upload");
        Assert.IsFalse(File.Exists(manifestPath));
        Assert.IsEmpty(await Bucket.ListKeysAsync(prefix + "/"));
    }

    [TestMethod]
    public async Task The_manifest_never_goes_among_the_assets()
    {
        using var folder = AssetFolder.Plain();

        var noManifest = await Tool.RunAsync(Bucket.EnvironmentVariables, "publish", folder.Assets);
        var inside = await Tool.RunAsync(Bucket.EnvironmentVariables, "publish", folder.Assets, "--manifest", folder.PathOf(AssetManifest.FileName));

        Assert.AreEqual(2, noManifest.ExitCode, noManifest.ToString());
        StringAssert.Contains(noManifest.Error, $"error {ErrorCodes.InvalidSetting}: '{folder.Assets}' is a plain folder of assets, so the manifest has no default place");
        Assert.AreEqual(2, inside.ExitCode, inside.ToString());
        StringAssert.Contains(inside.Error, "is inside the asset folder");
    }

    [TestMethod]
    public async Task A_missing_bucket_is_SPUB1001_with_exit_code_1_and_no_manifest()
    {
        using var folder = AssetFolder.Plain();
        var manifestPath = Path.Combine(folder.Root, AssetManifest.FileName);
        var environment = Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_BUCKET", "sp-missing-" + Guid.NewGuid().ToString("N")[..12]));

        var result = await Tool.RunAsync(environment, "publish", folder.Assets, "--manifest", manifestPath);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"staticpublish: error {ErrorCodes.BucketNotFound}: The bucket 'sp-missing-");
        StringAssert.Contains(result.Error, "staticpublish init-bucket");
        Assert.IsFalse(File.Exists(manifestPath));
    }

    private static Regex SummaryPattern(int assets, int objects, int uploaded, int unchanged) =>
        new($@"^StaticPublish: {assets} assets in {objects} objects, {uploaded} uploaded \([0-9.]+ K?B, \d+ gzipped\), {unchanged} unchanged, [0-9.]+ s$");
}
