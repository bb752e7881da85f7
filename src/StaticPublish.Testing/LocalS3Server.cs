using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.Testing;

/// <summary>
/// A real S3 server for tests. With <c>STATICPUBLISH_TEST_S3_ENDPOINT</c> (plus <c>_ACCESS_KEY</c> and
/// <c>_SECRET_KEY</c>) it uses that endpoint (MinIO, RustFS, AWS, ...). Otherwise it runs the bundled
/// <c>local-s3.sh</c>, which installs and starts a single-host Ceph RADOS Gateway on 127.0.0.1. A server that
/// cannot be reached is an error (<c>SPUB0001</c>) with the server's log tail, never a skipped test.
/// The local server also listens on HTTPS with a certificate from a private test CA:
/// <see cref="S3TestServerSettings.TlsEndpoint"/> and <see cref="S3TestServerSettings.CaBundlePath"/> come from the
/// script's output, or from <c>STATICPUBLISH_TEST_S3_TLS_ENDPOINT</c> and <c>_CA_BUNDLE</c> for an external server
/// (both optional there).
/// </summary>
public sealed class LocalS3Server : IAsyncDisposable
{
    /// <summary>Overrides the path of the bootstrap script.</summary>
    public const string ScriptVariable = "STATICPUBLISH_TEST_S3_SCRIPT";

    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static LocalS3Server? _shared;

    private readonly string? _script;
    private readonly string? _leaseFile;
    private readonly bool _startedHere;
    private readonly IAmazonS3 _admin;

    private LocalS3Server(S3TestServerSettings settings, string? script, bool startedHere, string? leaseFile)
    {
        Settings = settings;
        _script = script;
        _startedHere = startedHere;
        _leaseFile = leaseFile;
        _admin = S3ClientFactory.CreateClient(CreateOptions("staticpublish-admin"));
    }

    /// <summary>The endpoint and keys.</summary>
    public S3TestServerSettings Settings { get; }

    /// <summary>Whether the server came from <c>STATICPUBLISH_TEST_S3_ENDPOINT</c> instead of the local script.</summary>
    public bool IsExternal => _script is null;

    /// <summary>
    /// The one server for this process, started on first use. Test assemblies call this from
    /// <c>[AssemblyInitialize]</c> and <see cref="DisposeSharedAsync"/> from <c>[AssemblyCleanup]</c>.
    /// </summary>
    public static async Task<LocalS3Server> GetSharedAsync(CancellationToken cancellationToken = default)
    {
        await SharedLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _shared ??= await StartAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SharedLock.Release();
        }
    }

    /// <summary>Releases the shared server; the local server stops if this process started it and no other test process uses it.</summary>
    public static async Task DisposeSharedAsync()
    {
        await SharedLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_shared is not null)
            {
                await _shared.DisposeAsync().ConfigureAwait(false);
                _shared = null;
            }
        }
        finally
        {
            SharedLock.Release();
        }
    }

    /// <summary>Finds or starts a server and waits until it answers S3 requests.</summary>
    /// <exception cref="StaticPublishException"><c>SPUB0001</c> when no server could be started or reached.</exception>
    public static async Task<LocalS3Server> StartAsync(CancellationToken cancellationToken = default)
    {
        var external = S3TestServerSettings.FromVariables(Environment.GetEnvironmentVariable);
        LocalS3Server server;
        if (external is not null)
        {
            server = new LocalS3Server(external, script: null, startedHere: false, leaseFile: null);
        }
        else
        {
            var script = FindScript();
            var (alreadyUp, _) = await RunScriptAsync(script, "status", TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var (started, output) = await RunScriptAsync(script, "start", TimeSpan.FromMinutes(6), cancellationToken).ConfigureAwait(false);
            if (!started)
            {
                throw Unavailable($"'{script} start' failed.", output);
            }

            var settings = S3TestServerSettings.FromVariables(ParseVariables(output).GetValueOrDefault)
                ?? throw Unavailable($"'{script} start' printed no {S3TestServerSettings.EndpointVariable} line.", output);
            server = new LocalS3Server(settings, script, startedHere: !alreadyUp, leaseFile: TakeLease(settings));
        }

        await server.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Creates a bucket with a fresh unique name; disposing the result empties and deletes it.</summary>
    public async Task<S3TestBucket> CreateBucketAsync(string prefix = "sp-test", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var name = UniqueBucketName(prefix);
        try
        {
            await _admin.PutBucketAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
        {
            var reason = e is AmazonServiceException service ? $"{service.ErrorCode} (HTTP {(int)service.StatusCode})" : e.Message;
            throw Unavailable($"Could not create the test bucket '{name}' at {Settings.Endpoint}: {reason}.", LogTail());
        }

        return new S3TestBucket(this, name);
    }

    /// <summary>Storage options for a bucket on this server (path-style, checksums when required).</summary>
    public S3StorageOptions CreateOptions(string bucket, string location = "") => new()
    {
        BucketName = bucket,
        Location = location,
        EndpointUrl = Settings.Endpoint.ToString().TrimEnd('/'),
        Region = Settings.Region,
        AccessKey = Settings.AccessKey,
        SecretKey = Settings.SecretKey,
    };

    /// <summary>The last lines of the server's log, to attach to a failure. Empty for external servers without a log.</summary>
    public string LogTail(int lines = 50)
    {
        if (Settings.LogPath is null || !File.Exists(Settings.LogPath))
        {
            return IsExternal ? $"(no log: {Settings.Endpoint} is an external server)" : "(no server log was found)";
        }

        try
        {
            using var stream = new FileStream(Settings.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var tail = new Queue<string>(lines);
            while (reader.ReadLine() is { } line)
            {
                if (tail.Count == lines)
                {
                    tail.Dequeue();
                }

                tail.Enqueue(line);
            }

            return $"--- last {tail.Count} lines of {Settings.LogPath} ---{Environment.NewLine}{string.Join(Environment.NewLine, tail)}";
        }
        catch (IOException e)
        {
            return $"(the log {Settings.LogPath} could not be read: {e.Message})";
        }
    }

    /// <summary>Releases this process's use of the server, stopping a local server this process started when nobody else uses it.</summary>
    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        if (_leaseFile is not null)
        {
            File.Delete(_leaseFile);
        }

        if (_script is not null && _startedHere && !OtherLeasesAlive(_leaseFile) && Environment.GetEnvironmentVariable("STATICPUBLISH_TEST_S3_KEEP") != "1")
        {
            await RunScriptAsync(_script, "stop", TimeSpan.FromMinutes(1), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        var delay = TimeSpan.FromMilliseconds(100);
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                await _admin.ListBucketsAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = e;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }

        throw Unavailable($"The S3 server at {Settings.Endpoint} did not answer ListBuckets within 60 s: {last?.GetType().Name}: {last?.Message}", LogTail());
    }

    private static string UniqueBucketName(string prefix)
    {
        var stamp = DateTime.UtcNow.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture);
        var random = Convert.ToHexString(Guid.NewGuid().ToByteArray(), 0, 4).ToLowerInvariant();
        var name = $"{prefix.ToLowerInvariant().Trim('-')}-{stamp}-{random}";
        return name.Length <= 63 ? name : name[^63..].TrimStart('-', '.');
    }

    private static string FindScript()
    {
        var configured = Environment.GetEnvironmentVariable(ScriptVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw Unavailable($"{ScriptVariable}='{configured}' does not exist.", "");
        }

        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "local-s3.sh") };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "build", "local-s3.sh"));
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw Unavailable($"local-s3.sh was not found next to the test assembly ({AppContext.BaseDirectory}). Set {S3TestServerSettings.EndpointVariable} to use another S3 server, or {ScriptVariable} to the script.", "");
    }

    private static async Task<(bool Ok, string Output)> RunScriptAsync(string script, string verb, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash", [script, verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw Unavailable($"Could not run 'bash {script} {verb}'.", "");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw Unavailable($"'{script} {verb}' did not finish within {timeout.TotalSeconds:0} s.", await stderr.ConfigureAwait(false));
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        return (process.ExitCode == 0, process.ExitCode == 0 ? output : output + errors);
    }

    private static Dictionary<string, string> ParseVariables(string output) => output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split('=', 2))
        .Where(parts => parts.Length == 2 && parts[0].StartsWith("STATICPUBLISH_TEST_S3_", StringComparison.Ordinal))
        .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    private static string? TakeLease(S3TestServerSettings settings)
    {
        var directory = LeaseDirectory(settings);
        Directory.CreateDirectory(directory);
        var lease = Path.Combine(directory, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        File.WriteAllText(lease, settings.Endpoint.ToString());
        return lease;
    }

    private bool OtherLeasesAlive(string? ownLease)
    {
        var directory = LeaseDirectory(Settings);
        if (!Directory.Exists(directory))
        {
            return false;
        }

        foreach (var lease in Directory.EnumerateFiles(directory))
        {
            if (lease == ownLease || !int.TryParse(Path.GetFileName(lease), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (Directory.Exists($"/proc/{pid}"))
            {
                return true;
            }

            File.Delete(lease);
        }

        return false;
    }

    private static string LeaseDirectory(S3TestServerSettings settings) =>
        Path.Combine(Path.GetTempPath(), "staticpublish-s3-leases", settings.Endpoint.Port.ToString(CultureInfo.InvariantCulture));

    private static StaticPublishException Unavailable(string problem, string detail) => new(ErrorCodes.TestServerUnavailable,
        $"The test S3 server is not available: {problem} Tests need a real S3 server: run 'build/local-s3.sh start' (Debian/Ubuntu, root for the first install) or set {S3TestServerSettings.EndpointVariable}, {S3TestServerSettings.AccessKeyVariable} and {S3TestServerSettings.SecretKeyVariable}.{Environment.NewLine}{detail}");
}
