using System.Diagnostics;
using System.Text;

namespace StaticPublish.TestUtilities;

/// <summary>
/// Runs a program the way a user or CI would: output captured, a deadline that kills the whole process tree, and an
/// environment that is the test host's minus what must not leak into it, plus what the test gives.
/// </summary>
public static class ChildProcess
{
    /// <summary>The variables the test host's MSBuild sets, which would leak into a child build.</summary>
    public static readonly IReadOnlyList<string> MSBuildVariables = ["MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "DOTNET_HOST_PATH"];

    /// <summary>Runs <paramref name="program"/> and returns how it ended. A run past the deadline is killed and is a <see cref="TimeoutException"/>.</summary>
    /// <param name="program">The program, e.g. <c>dotnet</c>.</param>
    /// <param name="arguments">Its arguments, passed as they are (no shell).</param>
    /// <param name="environment">Variables to set; they win over the host's.</param>
    /// <param name="workingDirectory">Where it runs; the temp folder by default.</param>
    /// <param name="timeout">The deadline; two minutes by default.</param>
    /// <param name="removeVariables">Host variables to leave out, by exact name or by a prefix ending in '*'.</param>
    /// <param name="whileRunning">Runs with the started process (to signal or kill it) before the wait for its exit.</param>
    public static async Task<ProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null,
        IEnumerable<string>? removeVariables = null,
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

        var removed = (removeVariables ?? []).ToList();
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (removed.Any(r => r.EndsWith('*') ? name.StartsWith(r[..^1], StringComparison.Ordinal) : name == r))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = timeout ?? TimeSpan.FromMinutes(2);
        using var cancel = new CancellationTokenSource(deadline);
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
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {deadline.TotalSeconds:0} s:{Environment.NewLine}{output}{error}");
        }

        // The parameterless wait also waits for the redirected streams to be read to the end.
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, Read(output), Read(error));
    }

    /// <summary>Runs the dotnet CLI (build, publish, pack, new ...) outside the test host's MSBuild, with build nodes not reused.</summary>
    public static Task<ProcessResult> DotNetAsync(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var merged = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        return RunAsync("dotnet", arguments, merged, workingDirectory, timeout ?? TimeSpan.FromMinutes(5), MSBuildVariables);
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
