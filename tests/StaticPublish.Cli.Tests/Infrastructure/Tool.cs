using System.Diagnostics;
using System.Text;

namespace StaticPublish.Cli.Tests.Infrastructure;

internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() =>
        $"exit code {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{Output}--- stderr ---{Environment.NewLine}{Error}";
}

/// <summary>
/// Runs the built tool (<c>dotnet staticpublish.dll</c>) as CI would: output redirected, <c>CI=true</c>, and no
/// STATICPUBLISH_*, AWS_* or GITHUB_* variables from the test host, only the ones a test gives.
/// </summary>
internal static class Tool
{
    public static Task<ToolResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunProcessAsync("dotnet", [Repo.Tool, .. arguments], environment);

    /// <summary>Runs the tool and, while it runs, <paramref name="whileRunning"/> with its process (to signal or kill it).</summary>
    public static Task<ToolResult> RunAsync(IReadOnlyDictionary<string, string>? environment, Func<Process, Task> whileRunning, params string[] arguments) =>
        RunProcessAsync("dotnet", [Repo.Tool, .. arguments], environment, whileRunning: whileRunning);

    public static async Task<ToolResult> RunProcessAsync(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? workingDirectory = null, TimeSpan? timeout = null,
        Func<Process, Task>? whileRunning = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if ((name.StartsWith("STATICPUBLISH_", StringComparison.Ordinal) && !name.StartsWith("STATICPUBLISH_TEST_", StringComparison.Ordinal))
                || name.StartsWith("AWS_", StringComparison.Ordinal) || name.StartsWith("GITHUB_", StringComparison.Ordinal)
                || name is "CI" or "MSBuildExtensionsPath" or "MSBUILD_EXE_PATH" or "MSBuildSDKsPath" or "DOTNET_HOST_PATH")
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["CI"] = "true";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            if (whileRunning is not null)
            {
                await whileRunning(process);
            }

            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(" ", arguments)} did not finish in time:{System.Environment.NewLine}{output}{error}");
        }

        process.WaitForExit();
        return new ToolResult(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>The environment for a bucket plus extra variables; a null value removes a variable.</summary>
    public static Dictionary<string, string> Environment(IReadOnlyDictionary<string, string> bucket, params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>(bucket, StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }
}
