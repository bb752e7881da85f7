using System.Text.RegularExpressions;
using StaticPublish.Cli.Tests.Infrastructure;
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
    [DataRow("github-actions.yml")]
    [DataRow("gitlab-ci.yml")]
    public async Task Every_staticpublish_option_and_MSBuild_property_in_the_samples_exists(string sample)
    {
        // Commands only, not the comments that explain them.
        var text = string.Join('\n', CommandLines(sample));
        var targets = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "build", "StaticPublish.Build.props"))
            + await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "build", "StaticPublish.Build.targets"));
        foreach (Match property in MSBuildProperty().Matches(text))
        {
            StringAssert.Contains(targets, property.Groups[1].Value, $"{sample} sets an MSBuild property StaticPublish defines");
        }

        foreach (var group in ToolCommand().Matches(text).GroupBy(m => m.Groups[1].Value))
        {
            var help = await Tool.RunAsync(null, group.Key, "--help");
            Assert.AreEqual(0, help.ExitCode, $"{sample}: 'staticpublish {group.Key}' is a command: {help}");
            StringAssert.StartsWith(help.Output, "Description:", help.ToString());
            StringAssert.Contains(help.Output, $"staticpublish {group.Key} ", $"{sample}: '{group.Key}' is a staticpublish command");
            foreach (var option in group.SelectMany(m => OptionName().Matches(m.Groups[2].Value)).Select(o => o.Value).Distinct())
            {
                StringAssert.Contains(help.Output, option + " ", $"{sample}: 'staticpublish {group.Key}' takes {option}");
            }
        }
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
