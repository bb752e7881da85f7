using System.Text.Json;
using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.Core.Publishing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests;

[TestClass]
public sealed class PlanTests : BucketTestClass<PlanTests>
{
    [TestMethod]
    public async Task Plan_lists_uploads_then_skips_then_header_changes_with_counts_and_bytes()
    {
        using var folder = AssetFolder.Plain();
        var prefix = UniqueNames.Prefix("plan");
        var environment = Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_PREFIX", prefix));

        var before = await Tool.RunAsync(environment, "plan", folder.Assets);
        var manifestPath = Path.Combine(folder.Root, AssetManifest.FileName);
        var publish = await Tool.RunAsync(environment, "publish", folder.Assets, "--manifest", manifestPath);
        var after = await Tool.RunAsync(environment, "plan", folder.Assets);
        var recached = await Tool.RunAsync(environment, "plan", folder.Assets, "--cache-control", "public, max-age=600");

        Assert.AreEqual(0, before.ExitCode, before.ToString());
        Assert.AreEqual(0, publish.ExitCode, publish.ToString());
        Assert.AreEqual(0, after.ExitCode, after.ToString());
        Assert.AreEqual($"Plan for bucket '{Bucket.BucketName}', prefix '{prefix}', release {AssetManifestReader.Read(manifestPath).Release}:", before.Lines[0],
            "the plan names the release the publish then wrote");
        Assert.HasCount(5 * 2 + 1, before.Lines.Where(l => l.StartsWith("upload  ", StringComparison.Ordinal)), "five assets under two names each, and the release record");
        Assert.HasCount(5, before.Lines.Where(l => l.StartsWith("upload  ", StringComparison.Ordinal) && l.EndsWith("new, original name)", StringComparison.Ordinal)));
        StringAssert.Contains(before.Output, $"upload  {prefix}/_staticpublish/apps/assets/releases/");
        StringAssert.Contains(before.Output, "would allow GET and HEAD from * on bucket");
        StringAssert.StartsWith(before.Lines[^2], "upload 11 objects (");
        StringAssert.EndsWith(before.Lines[^2], "), skip 0 objects (0 B), delete 0 objects (0 B)");
        StringAssert.StartsWith(before.Lines[^1], "StaticPublish (dry run): 5 assets in 10 objects, 10 to upload");

        Assert.IsFalse(after.Lines.Any(l => l.StartsWith("upload  ", StringComparison.Ordinal)), after.ToString());
        Assert.HasCount(11, after.Lines.Where(l => l.StartsWith("skip    ", StringComparison.Ordinal) && (l.EndsWith(", unchanged)", StringComparison.Ordinal) || l.EndsWith(", unchanged, original name)", StringComparison.Ordinal))));
        StringAssert.StartsWith(after.Lines[^2], "upload 0 objects (0 B), skip 11 objects (");

        var changed = recached.Lines.Where(l => l.StartsWith("upload  ", StringComparison.Ordinal) && l.EndsWith(", headers changed)", StringComparison.Ordinal)).ToList();
        Assert.HasCount(5, changed, recached.ToString());
    }

    [TestMethod]
    public async Task Plan_json_is_machine_readable_and_adds_up()
    {
        using var folder = AssetFolder.Plain();
        var prefix = UniqueNames.Prefix("json");

        var result = await Tool.RunAsync(Bucket.EnvironmentVariables, "plan", folder.Assets, "--prefix", prefix, "--json");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        using var plan = JsonDocument.Parse(result.Output);
        var root = plan.RootElement;
        Assert.AreEqual(Bucket.BucketName, root.GetProperty("bucket").GetString());
        Assert.AreEqual(prefix, root.GetProperty("prefix").GetString());
        var actions = root.GetProperty("actions").EnumerateArray().ToList();
        var uploads = actions.Where(a => a.GetProperty("action").GetString() == "upload").ToList();
        var totals = root.GetProperty("totals");
        Assert.AreEqual(uploads.Count, totals.GetProperty("upload").GetProperty("count").GetInt32());
        Assert.AreEqual(uploads.Sum(a => a.GetProperty("size").GetInt64()), totals.GetProperty("upload").GetProperty("bytes").GetInt64());
        Assert.AreEqual(0, totals.GetProperty("delete").GetProperty("count").GetInt32());
        CollectionAssert.AreEquivalent(AssetFolder.LogicalPaths.ToList(),
            actions.Select(a => a.GetProperty("path").GetString()).Where(p => p is not null).Distinct().ToList());
        Assert.IsTrue(actions.All(a => a.GetProperty("reason").GetString() is "new" or "release record"));
        CollectionAssert.AreEquivalent(new[] { "fingerprinted", "original-name", "release-record" }, actions.Select(a => a.GetProperty("object").GetString()).Distinct().ToArray());
        StringAssert.StartsWith(result.Error.Trim(), "StaticPublish (dry run): 5 assets in 10 objects, 10 to upload", "the summary goes to standard error");
        Assert.IsEmpty(await Bucket.ListKeysAsync(prefix + "/"), "a plan writes nothing");
    }
}
