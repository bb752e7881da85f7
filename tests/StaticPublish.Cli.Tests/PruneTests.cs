using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests;

[TestClass]
public sealed class PruneTests : BucketTestClass<PruneTests>
{
    [TestMethod]
    public async Task Prune_keeps_what_recent_releases_reference_and_deletes_only_the_rest()
    {
        var (prefix, releases) = await PublishThreeReleasesAsync();
        var environment = Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_PREFIX", prefix));
        var before = await Bucket.ListKeysAsync(prefix + "/");

        var dryRun = await Tool.RunAsync(environment, "prune", "--keep-releases", "2", "--dry-run");
        var afterDryRun = await Bucket.ListKeysAsync(prefix + "/");
        var youngerThanADay = await Tool.RunAsync(environment, "prune", "--keep-releases", "2", "--older-than", "1d");
        var prune = await Tool.RunAsync(environment, "prune", "--keep-releases", "2", "--older-than", "0");
        var after = await Bucket.ListKeysAsync(prefix + "/");

        // Only release 1 is dropped; css/site.css changed in release 2, so its release-1 object and release 1's
        // record are what nothing kept references. Everything else (original names included) is shared with releases 2 and 3.
        var firstRecord = before.Single(k => k.StartsWith($"{prefix}/_staticpublish/apps/assets/releases/", StringComparison.Ordinal) && k.EndsWith($"-{releases[0].Release}.json", StringComparison.Ordinal));
        var expected = new[] { releases[0].Assets["css/site.css"].Key, firstRecord };
        Assert.AreEqual(0, dryRun.ExitCode, dryRun.ToString());
        CollectionAssert.AreEquivalent(expected.Select(k => $"would delete {k}").ToList(),
            dryRun.Lines.Where(l => l.StartsWith("would delete ", StringComparison.Ordinal)).Select(l => l[..l.LastIndexOf(" (", StringComparison.Ordinal)]).ToList());
        StringAssert.StartsWith(dryRun.Lines[^1], "StaticPublish prune (dry run): 2 objects to delete");
        CollectionAssert.AreEquivalent(before.ToList(), afterDryRun.ToList(), "a dry run deletes nothing");
        Assert.AreEqual(0, youngerThanADay.ExitCode, youngerThanADay.ToString());
        StringAssert.StartsWith(youngerThanADay.Lines[^1], "StaticPublish prune: 0 objects deleted", "every object is younger than a day");

        Assert.AreEqual(0, prune.ExitCode, prune.ToString());
        StringAssert.StartsWith(prune.Lines[^1], $"StaticPublish prune: 2 objects deleted");
        StringAssert.Contains(prune.Lines[^1], $"newest 2 releases of 'assets' kept (current {releases[2].Release})");
        CollectionAssert.AreEquivalent(before.Except(expected).ToList(), after.ToList());
        foreach (var key in releases.Skip(1).SelectMany(r => r.Assets.Values).SelectMany(e => new[] { e.Key, e.Original!.Key }))
        {
            CollectionAssert.Contains(after.ToList(), key, "objects of the kept releases stay, original names included");
        }
    }

    [TestMethod]
    public async Task The_max_deletes_guard_stops_prune_and_its_dry_run_with_SPUB2006()
    {
        var (prefix, _) = await PublishThreeReleasesAsync();
        var environment = Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_PREFIX", prefix), ("STATICPUBLISH_MAX_DELETES", "1"));
        var before = await Bucket.ListKeysAsync(prefix + "/");

        var guarded = await Tool.RunAsync(environment, "prune", "--keep-releases", "2");
        var guardedDryRun = await Tool.RunAsync(environment, "prune", "--keep-releases", "2", "--dry-run");

        Assert.AreEqual(1, guarded.ExitCode, guarded.ToString());
        StringAssert.Contains(guarded.Error, $"staticpublish: error {ErrorCodes.TooManyDeletes}: Prune would delete 2 objects from bucket '{Bucket.BucketName}', more than the limit of 1; nothing was deleted.");
        Assert.AreEqual(1, guardedDryRun.ExitCode, guardedDryRun.ToString());
        StringAssert.Contains(guardedDryRun.Error, ErrorCodes.TooManyDeletes);
        CollectionAssert.AreEquivalent(before.ToList(), (await Bucket.ListKeysAsync(prefix + "/")).ToList(), "the guard deletes nothing");
    }

    [TestMethod]
    public async Task Prune_under_a_prefix_without_releases_is_a_usage_error()
    {
        var result = await Tool.RunAsync(Bucket.EnvironmentVariables, "prune", "--prefix", UniqueNames.Prefix("empty"));

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"error {ErrorCodes.InvalidSetting}: No StaticPublish releases were found");
    }

    [TestMethod]
    public async Task Keeping_a_single_release_is_refused_because_running_instances_still_use_the_previous_one()
    {
        var result = await Tool.RunAsync(Bucket.EnvironmentVariables, "prune", "--prefix", UniqueNames.Prefix("one"), "--keep-releases", "1");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"error {ErrorCodes.InvalidSetting}: --keep-releases must be at least 2 when pruning, not 1: the app instances still running the previous release");
    }

    /// <summary>Three releases: release 2 changes css/site.css, release 3 changes js/app.js.</summary>
    private static async Task<(string Prefix, List<AssetManifest> Releases)> PublishThreeReleasesAsync()
    {
        using var folder = AssetFolder.Plain();
        var prefix = UniqueNames.Prefix("prune");
        var manifestPath = Path.Combine(folder.Root, AssetManifest.FileName);
        var releases = new List<AssetManifest>();
        foreach (var change in new Action[] { () => { }, () => folder.Write("css/site.css", "body { color: red; }"), () => folder.Write("js/app.js", "export const answer = 43;") })
        {
            change();
            var publish = await Tool.RunAsync(Bucket.EnvironmentVariables, "publish", folder.Assets, "--prefix", prefix, "--manifest", manifestPath);
            Assert.AreEqual(0, publish.ExitCode, publish.ToString());
            releases.Add(AssetManifestReader.Read(manifestPath));
        }

        Assert.AreEqual(3, releases.Select(r => r.Release).Distinct().Count());
        return (prefix, releases);
    }
}
