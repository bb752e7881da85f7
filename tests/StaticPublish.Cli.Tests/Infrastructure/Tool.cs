using System.Diagnostics;
using StaticPublish.Cli.Output;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests.Infrastructure;

/// <summary>
/// Runs the built tool as CI would: output redirected, <c>CI=true</c>, and no STATICPUBLISH_*, AWS_* or GITHUB_*
/// variables from the test host, only the ones a test gives. The tool is <c>dotnet staticpublish.dll</c> as built,
/// or the native (AOT) executable that <c>STATICPUBLISH_TEST_TOOL</c> names: build/test.sh publishes it, because
/// the linux-x64 tool package carries that build, and trimming can break what the managed build does not.
/// </summary>
internal static class Tool
{
    /// <summary>The native tool this run tests, or null for the managed build.</summary>
    public static string? Native { get; } = NativeTool();

    public static Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        ChildProcess.RunAsync(Program, [.. Prefix, .. arguments], WithCi(environment), removeVariables: HostVariables());

    /// <summary>Runs the built tool in <paramref name="workingDirectory"/>, where it looks for <c>staticpublish.json</c>.</summary>
    public static Task<ProcessResult> RunInAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        ChildProcess.RunAsync(Program, [.. Prefix, .. arguments], WithCi(environment), workingDirectory, removeVariables: HostVariables());

    /// <summary>Runs the tool and, while it runs, <paramref name="whileRunning"/> with its process (to signal or kill it).</summary>
    public static Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string>? environment, Func<Process, Task> whileRunning, params string[] arguments) =>
        ChildProcess.RunAsync(Program, [.. Prefix, .. arguments], WithCi(environment), removeVariables: HostVariables(), whileRunning: whileRunning);

    private static string Program => Native ?? "dotnet";

    private static string[] Prefix => Native is null ? [RepoPaths.Tool] : [];

    private static string? NativeTool()
    {
        var path = System.Environment.GetEnvironmentVariable("STATICPUBLISH_TEST_TOOL");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        // A stale native build would test old code under the new tests' names: it must be newer than the managed
        // build of the tool and of Core (a change inside Core alone rebuilds only Core's assembly).
        var managed = new[] { RepoPaths.Tool, Path.Combine(Path.GetDirectoryName(RepoPaths.Tool)!, "StaticPublish.Core.dll") };
        var newest = managed.Max(File.GetLastWriteTimeUtc);
        if (!File.Exists(path) || File.GetLastWriteTimeUtc(path) < newest)
        {
            throw new InvalidOperationException($"STATICPUBLISH_TEST_TOOL names {path}, which is missing or older than {string.Join(" or ", managed)}; publish it again with build/native-tool.sh (build/test.sh does) or unset the variable.");
        }

        return path;
    }

    /// <summary>
    /// Runs the command line in this process, through <see cref="CliApplication.RunAsync"/>: for parsing and usage
    /// errors, which never reach a process boundary or S3. The environment is only <paramref name="environment"/> and <c>CI=true</c>.
    /// </summary>
    public static async Task<ProcessResult> RunInProcessAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var variables = WithCi(environment);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, name => variables.GetValueOrDefault(name), outputRedirected: true);
        var exitCode = await CliApplication.RunAsync(arguments, console, name => variables.GetValueOrDefault(name), CancellationToken.None);
        return new ProcessResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs an installed copy of the tool (<c>dotnet tool install</c>'s shim) the same way.</summary>
    public static Task<ProcessResult> RunInstalledAsync(string program, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        ChildProcess.RunAsync(program, arguments, WithCi(environment), removeVariables: HostVariables());

    /// <summary>The environment for a bucket plus extra variables.</summary>
    public static Dictionary<string, string> Environment(IReadOnlyDictionary<string, string> bucket, params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>(bucket, StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static Dictionary<string, string> WithCi(IReadOnlyDictionary<string, string>? environment) =>
        new(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["CI"] = environment?.GetValueOrDefault("CI") ?? "true" };

    /// <summary>The host's settings for the tool, the AWS SDK and CI, which a test must not inherit; the test server's own settings stay.</summary>
    private static List<string> HostVariables() =>
    [
        .. System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(n => n.StartsWith("STATICPUBLISH_", StringComparison.Ordinal) && !n.StartsWith("STATICPUBLISH_TEST_", StringComparison.Ordinal)),
        "AWS_*", "GITHUB_*", "CI", .. ChildProcess.MSBuildVariables,
    ];
}
