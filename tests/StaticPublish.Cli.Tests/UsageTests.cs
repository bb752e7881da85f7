using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.Core.Errors;

namespace StaticPublish.Cli.Tests;

/// <summary>Usage errors never reach S3: they exit with 2 and one SPUB2003 line per problem.</summary>
[TestClass]
public sealed class UsageTests
{
    [TestMethod]
    [DataRow(new string[0], "Required command was not provided")]
    [DataRow(new[] { "deploy" }, "Unrecognized command or argument 'deploy'")]
    [DataRow(new[] { "publish" }, "Required argument missing for command: 'publish'")]
    [DataRow(new[] { "verify" }, "Required argument missing for command: 'verify'")]
    [DataRow(new[] { "publish", ".", "--concurrency", "many" }, "--concurrency is 'many', which is not a whole number")]
    [DataRow(new[] { "prune", "--older-than", "soon" }, "--older-than is 'soon', which is not a duration")]
    [DataRow(new[] { "prune", "--older-than", "99999999999d" }, "--older-than is '99999999999d', which is not a duration TimeSpan can hold")]
    [DataRow(new[] { "sign-url", "https://cdn.example.com/a.css", "--key-pair-id", "K", "--expires-in", "9999999d" }, "--expires-in ends after the year 9999")]
    [DataRow(new[] { "doctor", "--force-path-style", "maybe" }, "Unrecognized command or argument 'maybe'")]
    [DataRow(new[] { "plan", ".", "--bucket", "assets", "--concurrency", "0" }, "--concurrency must be between 1 and 256, not 0.")]
    [DataRow(new[] { "plan", "does-not-exist", "--bucket", "assets" }, "does-not-exist' does not exist")]
    [DataRow(new[] { "doctor" }, "No bucket was given. Pass --bucket <name> or set STATICPUBLISH_BUCKET.")]
    [DataRow(new[] { "doctor", "--bucket", "assets", "--endpoint", "localhost:9000" }, "--endpoint 'localhost:9000' is not an absolute http:// or https:// URL")]
    public async Task Bad_command_lines_exit_with_2_and_SPUB2003(string[] arguments, string message)
    {
        var result = await Tool.RunInProcessAsync(null, arguments);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"staticpublish: error {ErrorCodes.InvalidSetting}: ");
        StringAssert.Contains(result.Error, message);
    }

    [TestMethod]
    public async Task A_bad_STATICPUBLISH_variable_is_a_usage_error_naming_the_variable()
    {
        var result = await Tool.RunInProcessAsync(new Dictionary<string, string> { ["STATICPUBLISH_BUCKET"] = "assets", ["STATICPUBLISH_KEEP_RELEASES"] = "all" }, "prune");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"error {ErrorCodes.InvalidSetting}: STATICPUBLISH_KEEP_RELEASES is 'all', which is not a whole number.");
    }

    [TestMethod]
    public async Task A_bad_boolean_variable_is_a_usage_error_naming_the_variable()
    {
        var result = await Tool.RunInProcessAsync(new Dictionary<string, string> { ["STATICPUBLISH_BUCKET"] = "assets", ["STATICPUBLISH_FORCE_PATH_STYLE"] = "maybe" }, "doctor");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"error {ErrorCodes.InvalidSetting}: STATICPUBLISH_FORCE_PATH_STYLE is 'maybe', which is not true or false.");
    }

    [TestMethod]
    public async Task Help_and_version_exit_with_0()
    {
        var help = await Tool.RunAsync(null, "--help");
        var version = await Tool.RunAsync(null, "--version");
        var publishHelp = await Tool.RunAsync(null, "publish", "--help");

        Assert.AreEqual(0, help.ExitCode, help.ToString());
        foreach (var command in new[] { "publish <dir>", "plan <dir>", "verify <manifest>", "prune", "init-bucket", "doctor", "sign-url <url>" })
        {
            StringAssert.Contains(help.Output, "  " + command + " ");
        }

        Assert.AreEqual(0, version.ExitCode, version.ToString());
        StringAssert.StartsWith(version.Output, "0.1.0");
        Assert.AreEqual(0, publishHelp.ExitCode, publishHelp.ToString());
        StringAssert.Contains(publishHelp.Output, "[env: STATICPUBLISH_CACHE_CONTROL]");
    }
}
