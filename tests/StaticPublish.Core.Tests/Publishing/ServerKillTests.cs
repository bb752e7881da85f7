using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Storage;
using StaticPublish.Testing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Publishing;

/// <summary>
/// The S3 server really dies mid-publish: a Ceph RGW cluster of this test's own (its own data folder and ports, so
/// the shared server the other tests use is untouched) has its radosgw killed with SIGKILL after a hundred uploads,
/// is started again, and the publish is resumed.
/// </summary>
[TestClass]
public sealed class ServerKillTests
{
    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Killing_the_server_mid_publish_fails_with_a_code_and_after_a_restart_the_resume_uploads_only_what_is_missing()
    {
        var cluster = new Cluster();
        try
        {
            var settings = await cluster.StartAsync();
            var bucket = "sp-kill-" + Guid.NewGuid().ToString("N")[..8];
            var options = new S3StorageOptions
            {
                BucketName = bucket,
                EndpointUrl = settings.Endpoint.ToString().TrimEnd('/'),
                AccessKey = settings.AccessKey,
                SecretKey = settings.SecretKey,
                Location = "static",
                RequestTimeout = TimeSpan.FromSeconds(5),
                AutoCreateBucket = true,
            };
            using (var storage = new S3Storage(options))
            {
                await storage.InitializeBucketsAsync();
            }

            using var tree = new AssetTree();
            for (var i = 0; i < 300; i++)
            {
                tree.Write($"icons/icon-{i.ToString("000", CultureInfo.InvariantCulture)}.svg", $"<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{i}</text></svg>");
            }

            var publish = new StaticPublishOptions { Storage = options, ManifestPath = Path.Combine(tree.Root + "-out", AssetManifest.FileName), Concurrency = 4 };
            var killer = new KillAfterUploads(100, cluster);

            var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => new StaticAssetPublisher(killer).PublishDirectoryAsync(tree.Root, publish));

            Assert.IsTrue(killer.Killed, "the server was killed mid-publish");
            Assert.AreEqual(ErrorCodes.EndpointUnreachable, error.Code, error.Message);
            Assert.IsFalse(File.Exists(publish.ManifestPath), "no local manifest");
            await cluster.StartAsync();
            var landed = await CountAsync(options, "static/");
            Assert.IsGreaterThanOrEqualTo(100, landed);
            Assert.AreEqual(0, await CountAsync(options, "static/_staticpublish/"), "no release record names the half-done release");
            await using var proxy = new RecordingProxy(settings.Endpoint);

            var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, publish with { Storage = Clone(options, proxy.Url) });

            var total = (16 + 300) * 2;
            Assert.AreEqual(total - landed, result.UploadedObjects, $"only what had not landed ({landed} of {total} had)");
            Assert.AreEqual(landed, proxy.Requests.Count(r => r.Method == "HEAD"), "what landed is proven by one HEAD each");
            using var verifying = new S3Storage(options);
            var report = await ManifestVerifier.VerifyAsync(verifying, result.Manifest, deep: true);
            Assert.IsTrue(report.IsValid, string.Join(Environment.NewLine, report.Mismatches));
        }
        finally
        {
            await cluster.DestroyAsync();
        }
    }

    private static S3StorageOptions Clone(S3StorageOptions options, string endpoint) => new()
    {
        BucketName = options.BucketName,
        EndpointUrl = endpoint,
        AccessKey = options.AccessKey,
        SecretKey = options.SecretKey,
        Location = options.Location,
        RequestTimeout = options.RequestTimeout,
    };

    private static async Task<int> CountAsync(S3StorageOptions options, string prefix)
    {
        using var client = S3ClientFactory.CreateClient(options);
        var count = 0;
        var request = new Amazon.S3.Model.ListObjectsV2Request { BucketName = options.BucketName, Prefix = prefix };
        Amazon.S3.Model.ListObjectsV2Response response;
        do
        {
            response = await client.ListObjectsV2Async(request);
            count += response.S3Objects?.Count ?? 0;
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
        return count;
    }

    /// <summary>Kills the cluster's radosgw (SIGKILL) once <paramref name="after"/> uploads have finished.</summary>
    private sealed class KillAfterUploads(int after, Cluster cluster) : IPublishLog
    {
        private int _uploaded;

        public bool Killed { get; private set; }

        public void Uploaded(string key, long bytes)
        {
            if (Interlocked.Increment(ref _uploaded) == after)
            {
                cluster.KillGateway();
                Killed = true;
            }
        }

        public void Warning(string code, string? file, string message)
        {
        }

        public void Info(string message)
        {
        }

        public void Detail(string message)
        {
        }
    }

    /// <summary>A second local-s3.sh cluster with its own folder and free ports.</summary>
    private sealed class Cluster
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "sp-kill-rgw-" + Guid.NewGuid().ToString("N")[..8]);
        private readonly Dictionary<string, string> _environment;

        public Cluster()
        {
            var mon = FreePortPair();
            _environment = new Dictionary<string, string>
            {
                ["STATICPUBLISH_RGW_DIR"] = _directory,
                ["STATICPUBLISH_RGW_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture),
                ["STATICPUBLISH_RGW_TLS_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture),
                ["STATICPUBLISH_RGW_MON_PORT"] = mon.ToString(CultureInfo.InvariantCulture),
            };
        }

        public async Task<S3TestServerSettings> StartAsync()
        {
            var output = await RunAsync("start");
            var variables = output.Split('\n').Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
            return S3TestServerSettings.FromVariables(variables.GetValueOrDefault) ?? throw new InvalidOperationException("local-s3.sh start printed no settings:\n" + output);
        }

        public void KillGateway()
        {
            var pid = int.Parse(File.ReadAllText(Path.Combine(_directory, "run", "client.rgw.a.pid")).Trim(), CultureInfo.InvariantCulture);
            using var process = Process.GetProcessById(pid);
            Assert.AreEqual("radosgw", process.ProcessName, "the pid file names this cluster's radosgw");
            process.Kill();
            process.WaitForExit();
        }

        public async Task DestroyAsync()
        {
            if (Directory.Exists(_directory))
            {
                await RunAsync("destroy");
            }

            // The script's lock file sits beside the data folder, which destroy removes.
            File.Delete(_directory + ".lock");
        }

        private async Task<string> RunAsync(string command)
        {
            var result = await ChildProcess.RunAsync("bash", [RepoPaths.LocalS3Script, command], _environment, timeout: TimeSpan.FromMinutes(5));
            Assert.AreEqual(0, result.ExitCode, $"local-s3.sh {command}: {result}");
            return result.Output;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static int FreePortPair()
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var port = Random.Shared.Next(20000, 60000);
                if (IsFree(port) && IsFree(port + 1))
                {
                    return port;
                }
            }

            throw new InvalidOperationException("No two free neighbouring ports were found for the second cluster's monitor.");
        }

        private static bool IsFree(int port)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
