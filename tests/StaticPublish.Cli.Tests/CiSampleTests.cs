using System.Text.RegularExpressions;
using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.Core.Settings;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests;

/// <summary>The CI samples in samples/ci stay runnable: assets, then verify, then the app, with options that exist.</summary>
[TestClass]
public sealed partial class CiSampleTests
{
    [TestMethod]
    [DataRow("github-actions.yml")]
    [DataRow("gitlab-ci.yml")]
    public void Assets_are_uploaded_then_verified_before_the_app_is_deployed_and_pruned_last(string sample)
    {
        var lines = CommandLines(sample);

        var upload = lines.FindIndex(l => l.Contains("staticpublish publish ", StringComparison.Ordinal) || l.Contains("-p:StaticPublishEnabled=true", StringComparison.Ordinal));
        var verify = lines.FindIndex(l => l.Contains("staticpublish verify ", StringComparison.Ordinal));
        var deploy = lines.FindIndex(l => l.Contains("deploy-app.sh", StringComparison.Ordinal));
        var prune = lines.FindIndex(l => l.Contains("staticpublish prune", StringComparison.Ordinal));

        Assert.IsGreaterThanOrEqualTo(0, upload, "the sample uploads the assets");
        Assert.IsGreaterThan(upload, verify, "verify comes after the upload");
        Assert.IsGreaterThan(verify, deploy, "the app is deployed only after verify");
        Assert.IsGreaterThan(deploy, prune, "prune comes last");
        StringAssert.Contains(lines[verify], "out/staticpublish.manifest.json", "verify reads the manifest the publish wrote");
    }

    [TestMethod]
    [DataRow("github-actions.yml", 0, 4, 3)]
    [DataRow("gitlab-ci.yml", 4, 3, 3)]
    public async Task Every_staticpublish_option_and_MSBuild_property_in_the_samples_exists(string sample, int properties, int commands, int options)
    {
        // Commands only, not the comments that explain them.
        var text = string.Join('\n', CommandLines(sample));
        var known = SettingTable.All.Where(s => s.Faces.HasFlag(SettingFaces.MSBuild)).Select(s => s.Property).Append("StaticPublishEnabled").ToHashSet();
        var found = MSBuildProperty().Matches(text).Select(m => m.Groups[1].Value).ToList();
        foreach (var property in found)
        {
            Assert.Contains(property, known, $"{sample} sets an MSBuild property StaticPublish defines");
        }

        var checkedOptions = 0;
        var groups = ToolCommand().Matches(text).GroupBy(m => m.Groups[1].Value).ToList();
        foreach (var group in groups)
        {
            var help = await Tool.RunInProcessAsync(null, group.Key, "--help");
            Assert.AreEqual(0, help.ExitCode, $"{sample}: 'staticpublish {group.Key}' is a command: {help}");
            var usage = help.Lines[Array.IndexOf(help.Lines, "Usage:") + 1];
            StringAssert.Contains(usage + " ", $" {group.Key} ", $"{sample}: the help is {group.Key}'s own");
            foreach (var option in group.SelectMany(m => OptionName().Matches(m.Groups[2].Value)).Select(o => o.Value).Distinct())
            {
                StringAssert.Contains(help.Output, option + " ", $"{sample}: 'staticpublish {group.Key}' takes {option}");
                checkedOptions++;
            }
        }

        // The counts make sure the patterns still find what the sample holds: a sample rewritten beyond them fails here.
        Assert.AreEqual(properties, found.Count, $"{sample}: MSBuild properties checked");
        Assert.AreEqual(commands, groups.Count, $"{sample}: staticpublish commands checked");
        Assert.AreEqual(options, checkedOptions, $"{sample}: options checked");
    }

    private static List<string> CommandLines(string sample) => File.ReadAllLines(Path.Combine(RepoPaths.Root, "samples", "ci", sample))
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToList();

    [GeneratedRegex(@"-p:(StaticPublish[A-Za-z]+)=")]
    private static partial Regex MSBuildProperty();

    [GeneratedRegex(@"staticpublish ([a-z-]+)([^\n#]*)")]
    private static partial Regex ToolCommand();

    [GeneratedRegex(@"--[a-z][a-z-]+")]
    private static partial Regex OptionName();
}
