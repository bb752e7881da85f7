using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StaticPublish.Browser.Tests.Infrastructure;

/// <summary>
/// A published app (the sample, or a fresh template app) run as a real process (`dotnet App.dll`) in Production on a
/// free loopback port, the way it is deployed: its content root is the publish folder, so it reads the manifest that
/// publish wrote.
/// </summary>
internal sealed class SampleAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output;

    private SampleAppProcess(Process process, StringBuilder output, Uri baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    /// <summary>The app's origin, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>What the app wrote to standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app and polls it until <c>/</c> answers 200.</summary>
    /// <param name="publishDirectory">The publish output.</param>
    /// <param name="settings">Configuration as environment variables, e.g. <c>StaticPublish__ManifestPath</c>.</param>
    /// <param name="assembly">The app's entry assembly in the publish output.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<SampleAppProcess> StartAsync(
        string publishDirectory, IReadOnlyDictionary<string, string>? settings = null, string assembly = "SampleApp.dll", CancellationToken cancellationToken = default)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = publishDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(publishDirectory, assembly));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl.GetLeftPart(UriPartial.Authority));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {assembly} did not start");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new SampleAppProcess(process, output, baseUrl);
        try
        {
            await app.WaitUntilAnsweringAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the app (and anything it started) and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(50);
        var last = "no answer yet";
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"The published app exited with code {_process.ExitCode} before answering on {BaseUrl}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(BaseUrl, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                last = e.Message;
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }

        Assert.Fail($"The published app did not answer GET {BaseUrl} with 200 within {StartTimeout.TotalSeconds:0} s (last: {last}):\n{Output}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
