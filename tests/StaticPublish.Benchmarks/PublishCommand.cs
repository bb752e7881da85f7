using System.Diagnostics;
using System.Globalization;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Storage;

namespace StaticPublish.Benchmarks;

/// <summary>
/// Publishes a folder with the real pipeline (<see cref="StaticAssetPublisher.PublishDirectoryAsync"/>) against the
/// S3 server named by the <c>STATICPUBLISH_TEST_S3_*</c> variables, and prints machine-readable figures.
/// </summary>
internal static class PublishCommand
{
    public static async Task<int> RunAsync(string directory, Arguments arguments)
    {
        var bucket = arguments.Get("--bucket") ?? throw new ArgumentException("publish needs --bucket");
        var endpoint = Environment.GetEnvironmentVariable("STATICPUBLISH_TEST_S3_ENDPOINT");
        if (string.IsNullOrEmpty(endpoint))
        {
            throw new ArgumentException("STATICPUBLISH_TEST_S3_ENDPOINT is not set; start the local server with build/local-s3.sh start and export its lines");
        }

        var options = new StaticPublishOptions
        {
            Storage = new S3StorageOptions
            {
                BucketName = bucket,
                Location = arguments.Get("--prefix") ?? "",
                EndpointUrl = endpoint,
                Region = Environment.GetEnvironmentVariable("STATICPUBLISH_TEST_S3_REGION") ?? "us-east-1",
                AccessKey = Environment.GetEnvironmentVariable("STATICPUBLISH_TEST_S3_ACCESS_KEY"),
                SecretKey = Environment.GetEnvironmentVariable("STATICPUBLISH_TEST_S3_SECRET_KEY"),
            },
            ManifestPath = arguments.Get("--manifest"),
            Concurrency = arguments.GetInt("--concurrency", StaticPublishOptions.DefaultConcurrency),
        };

        var log = new TimedLog(quiet: arguments.Has("--quiet"));
        log.Info($"publishing {Path.GetFullPath(directory)} to s3://{bucket}/{options.Storage.Location} at {endpoint} (concurrency {options.Concurrency}, {Environment.ProcessorCount} cores)");
        var clock = Stopwatch.StartNew();
        var result = await new StaticAssetPublisher(log).PublishDirectoryAsync(directory, options);
        var elapsed = clock.Elapsed;
        log.Info($"done; uploads ran from {log.FirstUpload:0.00} s to {log.LastUpload:0.00} s");

        var c = CultureInfo.InvariantCulture;
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(result.Summary);
        Console.WriteLine(string.Format(c, "ASSETS={0}", result.AssetCount));
        Console.WriteLine(string.Format(c, "UPLOADED_ASSETS={0}", result.UploadedObjects));
        Console.WriteLine(string.Format(c, "UPLOADED_BYTES={0}", result.UploadedBytes));
        Console.WriteLine(string.Format(c, "UNCHANGED_ASSETS={0}", result.UnchangedObjects));
        Console.WriteLine(string.Format(c, "PEAK_WORKING_SET_MB={0:0.0}", process.PeakWorkingSet64 / 1048576.0));
        Console.WriteLine(string.Format(c, "GC_COUNTS={0}/{1}/{2}", GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)));
        Console.WriteLine(string.Format(c, "ELAPSED_SECONDS={0:0.000}", elapsed.TotalSeconds));
        return 0;
    }

    /// <summary>Writes the pipeline's messages to stderr with the seconds since start, and notes when uploads ran.</summary>
    private sealed class TimedLog(bool quiet) : IPublishLog
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _gate = new();
        private double _firstUpload = double.NaN;
        private double _lastUpload = double.NaN;

        public double FirstUpload => _firstUpload;

        public double LastUpload => _lastUpload;

        public void Warning(string code, string? file, string message) => Write($"warning {code}: {message}");

        public void Info(string message) => Write(message);

        public void Detail(string message) => Write(message);

        public void Uploaded(string key, long bytes)
        {
            var now = _clock.Elapsed.TotalSeconds;
            lock (_gate)
            {
                if (double.IsNaN(_firstUpload))
                {
                    _firstUpload = now;
                }

                _lastUpload = now;
            }
        }

        private void Write(string message)
        {
            if (!quiet)
            {
                Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "[{0,7:0.00} s] {1}", _clock.Elapsed.TotalSeconds, message));
            }
        }
    }
}
