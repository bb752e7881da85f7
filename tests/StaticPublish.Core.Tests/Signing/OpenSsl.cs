using System.Diagnostics;

namespace StaticPublish.Core.Tests.Signing;

/// <summary>Runs the <c>openssl</c> command line, the independent reference the AWS docs use for CloudFront signing.</summary>
internal static class OpenSsl
{
    private static readonly Lazy<string?> Executable = new(FindOnPath);

    /// <summary>The openssl path, or an inconclusive (never passing) result when it is not installed.</summary>
    public static string Require()
    {
        var path = Executable.Value;
        if (path is null)
        {
            Assert.Inconclusive("openssl is not on PATH, so signatures cannot be compared with it. Install OpenSSL (for example 'apt-get install openssl') to run this test.");
        }

        return path!;
    }

    public static async Task<OpenSslResult> RunAsync(byte[] stdin, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Require())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, timeout.Token);
        var readErr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardInput.BaseStream.WriteAsync(stdin, timeout.Token);
        process.StandardInput.Close();
        await Task.WhenAll(copyOut, readErr, process.WaitForExitAsync(timeout.Token));
        return new OpenSslResult(process.ExitCode, stdout.ToArray(), await readErr);
    }

    /// <summary>Runs openssl and fails the test, showing its stderr, unless it exits with 0.</summary>
    public static async Task<byte[]> RunCheckedAsync(byte[] stdin, params string[] arguments)
    {
        var result = await RunAsync(stdin, arguments);
        Assert.AreEqual(0, result.ExitCode, $"openssl {string.Join(' ', arguments)} failed: {result.StandardError}");
        return result.StandardOutput;
    }

    private static string? FindOnPath()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string[] names = OperatingSystem.IsWindows() ? ["openssl.exe"] : ["openssl"];
        return directories
            .SelectMany(directory => names.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }
}

internal sealed record OpenSslResult(int ExitCode, byte[] StandardOutput, string StandardError);
