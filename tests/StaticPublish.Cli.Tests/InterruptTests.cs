using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Testing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests;

/// <summary>
/// The tool interrupted the way CI interrupts it: SIGTERM when a job is cancelled (which must cancel cleanly), and
/// SIGKILL when the runner dies (after which the next run must finish the job without starting over).
/// </summary>
[TestClass]
public sealed class InterruptTests : BucketTestClass<InterruptTests>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    [TestMethod]
    public async Task SIGTERM_cancels_with_SPUB0002_aborts_the_multipart_upload_and_leaves_no_temp_files()
    {
        using var folder = AssetFolder.Plain();
        folder.Write("media/intro.mp4", RandomNumberGenerator.GetBytes(20 * 1024 * 1024));
        var temp = Directory.CreateTempSubdirectory("sp-tmpdir-");
        await using var proxy = new RecordingProxy(Bucket.Server.Settings.Endpoint)
        {
            // Parts hang, so the run is certainly mid-upload when the signal comes.
            Intercept = r => r.PathAndQuery.Contains("partNumber=", StringComparison.Ordinal) ? ProxyReply.Stall(TimeSpan.FromSeconds(30)) : null,
        };
        var manifestPath = Path.Combine(folder.Root, AssetManifest.FileName);
        var environment = Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_ENDPOINT", proxy.Url), ("TMPDIR", temp.FullName));
        try
        {
            var result = await Tool.RunAsync(environment, async process =>
            {
                await UntilAsync(() => proxy.Requests.Any(r => r.PathAndQuery.Contains("partNumber=", StringComparison.Ordinal)), "a part upload started");
                await SignalAsync(process, "TERM");
            }, "publish", folder.Assets, "--prefix", UniqueNames.Prefix("term"), "--manifest", manifestPath);

            Assert.AreEqual(1, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Error, $"staticpublish: error {ErrorCodes.Cancelled}: ");
            Assert.IsFalse(result.Error.Contains("   at ", StringComparison.Ordinal), "no stack trace: " + result);
            Assert.IsTrue(proxy.Requests.Any(r => r.Method == "DELETE" && r.PathAndQuery.Contains("uploadId=", StringComparison.Ordinal)), "the multipart upload was aborted");
            var open = await Bucket.Client.ListMultipartUploadsAsync(Bucket.BucketName);
            Assert.IsEmpty(open.MultipartUploads ?? [], "no multipart upload is left behind");
            Assert.IsEmpty(Directory.GetFileSystemEntries(temp.FullName), "no temp file or folder is left behind");
            Assert.IsFalse(File.Exists(manifestPath));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task After_a_SIGKILL_mid_upload_the_next_run_uploads_only_what_did_not_land()
    {
        using var folder = AssetFolder.Plain();
        for (var i = 0; i < 150; i++)
        {
            folder.Write($"icons/icon-{i.ToString("000", CultureInfo.InvariantCulture)}.svg", $"<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{i}</text></svg>");
        }

        var prefix = UniqueNames.Prefix("kill");
        var manifestPath = Path.Combine(folder.Root, AssetManifest.FileName);
        var puts = 0;
        await using (var slow = new RecordingProxy(Bucket.Server.Settings.Endpoint))
        {
            // After 60 uploads every PUT hangs, so the kill lands mid-publish with a known part of it done.
            slow.Intercept = r => r.Method == "PUT" && Interlocked.Increment(ref puts) > 60 ? ProxyReply.Stall(TimeSpan.FromSeconds(30)) : null;
            var killed = await Tool.RunAsync(Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_ENDPOINT", slow.Url)), async process =>
            {
                await UntilAsync(() => Volatile.Read(ref puts) > 60, "60 uploads");
                process.Kill(entireProcessTree: true);
            }, "publish", folder.Assets, "--prefix", prefix, "--manifest", manifestPath);
            Assert.AreNotEqual(0, killed.ExitCode);
        }

        // A PUT the proxy forwarded before the kill can still complete at the server after it: count what landed
        // once the bucket's listing holds still.
        var landed = await SettledCountAsync(prefix + "/");
        Assert.IsGreaterThan(0, landed, "some objects landed before the kill");
        Assert.IsFalse(File.Exists(manifestPath), "the killed run wrote no manifest");
        await using var proxy = new RecordingProxy(Bucket.Server.Settings.Endpoint);

        var resumed = await Tool.RunAsync(Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_ENDPOINT", proxy.Url)),
            "publish", folder.Assets, "--prefix", prefix, "--manifest", manifestPath);

        Assert.AreEqual(0, resumed.ExitCode, resumed.ToString());
        var total = (5 + 150) * 2;
        var assetPuts = proxy.Requests.Count(r => r.Method == "PUT" && !r.PathAndQuery.Contains('?', StringComparison.Ordinal) && !r.PathAndQuery.Contains("/_staticpublish/", StringComparison.Ordinal));
        var proven = proxy.Requests.Count(r => r.Method == "HEAD");
        Assert.IsGreaterThanOrEqualTo(landed, proven, "what landed is proven by one HEAD each");
        Assert.IsLessThanOrEqualTo(60, proven, "only the 60 PUTs the proxy let through can have landed");
        Assert.AreEqual(total - proven, assetPuts, $"only what did not land goes up ({landed} of {total} listed after the kill, {proven} proven)");
        var keys = (await Bucket.ListKeysAsync(prefix + "/")).ToHashSet(StringComparer.Ordinal);
        var manifest = AssetManifestReader.Read(manifestPath);
        Assert.IsTrue(manifest.Assets.Values.All(e => keys.Contains(e.Key) && keys.Contains(e.Original!.Key)), "the manifest names only objects in the bucket");
    }

    /// <summary>How many keys are under the prefix once two listings half a second apart agree (ten seconds at most).</summary>
    private static async Task<int> SettledCountAsync(string prefix)
    {
        var count = (await Bucket.ListKeysAsync(prefix)).Count;
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var again = (await Bucket.ListKeysAsync(prefix)).Count;
            if (again == count)
            {
                return count;
            }

            count = again;
        }

        return count;
    }

    private static async Task SignalAsync(Process process, string signal)
    {
        var kill = await ChildProcess.RunAsync("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        Assert.AreEqual(0, kill.ExitCode, kill.ToString());
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(20);
        while (!condition())
        {
            if (clock.Elapsed > Deadline)
            {
                Assert.Fail($"Waited {Deadline.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }
}
