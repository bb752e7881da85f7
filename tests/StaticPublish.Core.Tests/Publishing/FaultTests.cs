using System.Collections.Concurrent;
using System.Text.Json;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.Testing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Publishing;

/// <summary>
/// Publishes through a proxy that throttles, resets, stalls, fails and loses requests on their way to the real local
/// server. Every test then checks the two promises: no release record and no local manifest names an object that is
/// not in the bucket, and nothing the kept releases reference was deleted.
/// </summary>
[TestClass]
public sealed class FaultTests : BucketTestClass<FaultTests>
{
    private static StorageFixture Fixture => new(Bucket);

    [TestMethod]
    public async Task SlowDown_503s_with_Retry_After_are_retried_and_the_publish_completes()
    {
        using var tree = new AssetTree();
        await using var proxy = Proxy();
        var throttled = FirstAttemptOf(proxy, key => Math.Abs(StringComparer.Ordinal.GetHashCode(key)) % 3 == 0,
            ProxyReply.Error(503, "SlowDown") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "1" } });
        var options = Options(tree, proxy);

        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        Assert.IsGreaterThan(0, throttled.Count, "some PUTs were throttled");
        Assert.AreEqual(32, result.UploadedObjects);
        await AssertConsistentAsync(options);
        await AssertVerifiesAsync(options, result);
    }

    [TestMethod]
    public async Task A_connection_reset_mid_body_is_retried_and_the_publish_completes()
    {
        using var tree = new AssetTree();
        await using var proxy = Proxy();
        var reset = FirstAttemptOf(proxy, key => Math.Abs(StringComparer.Ordinal.GetHashCode(key)) % 4 == 0, ProxyReply.Reset(bodyBytes: 100));
        var options = Options(tree, proxy);

        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        Assert.IsGreaterThan(0, reset.Count, "some uploads were cut off mid-body");
        await AssertConsistentAsync(options);
        await AssertVerifiesAsync(options, result);
    }

    [TestMethod]
    public async Task A_stalled_response_times_out_and_the_retry_completes_the_publish()
    {
        using var tree = new AssetTree();
        await using var proxy = Proxy();
        var stalled = FirstAttemptOf(proxy, key => key.EndsWith(".png", StringComparison.Ordinal), ProxyReply.Stall(TimeSpan.FromSeconds(8)));
        var options = Options(tree, proxy, s => s.RequestTimeout = TimeSpan.FromSeconds(2));

        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        Assert.IsGreaterThan(0, stalled.Count);
        await AssertConsistentAsync(options);
        await AssertVerifiesAsync(options, result);
    }

    [TestMethod]
    public async Task A_PUT_that_always_fails_stops_the_publish_with_a_code_and_a_resume_uploads_only_what_is_missing()
    {
        using var tree = new AssetTree();
        string? doomed = null;
        await using (var failing = Proxy())
        {
            failing.Intercept = r => IsAssetPut(r) && (Interlocked.CompareExchange(ref doomed, r.PathAndQuery, null) ?? r.PathAndQuery) == r.PathAndQuery
                ? ProxyReply.Error(500, "InternalError")
                : null;
            var options = Options(tree, failing);

            var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options));

            Assert.AreEqual(ErrorCodes.RequestFailed, error.Code);
            StringAssert.Contains(error.Message, "HTTP 500");
            Assert.IsFalse(File.Exists(options.ManifestPath), "no local manifest");
            Assert.IsEmpty(await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/_staticpublish/"), "no release record");
        }

        var landed = (await Fixture.Bucket.ListKeysAsync(Location(tree) + "/")).Count;
        await using var proxy = Proxy();
        var resumed = Options(tree, proxy);

        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, resumed);

        var puts = proxy.Requests.Where(IsAssetPut).ToList();
        var heads = proxy.Requests.Count(r => r.Method == "HEAD");
        Assert.HasCount(32 - landed, puts, $"only what did not land goes up again ({landed} of 32 landed)");
        Assert.AreEqual(landed, heads, "each object that landed without a release record is proven by one HEAD");
        Assert.AreEqual(32 - landed, result.UploadedObjects);
        await AssertConsistentAsync(resumed);
        await AssertVerifiesAsync(resumed, result);
    }

    [TestMethod]
    public async Task A_Slow_Down_answer_is_retried_and_the_publish_completes()
    {
        using var tree = new AssetTree();
        await using var proxy = Proxy();
        var throttled = FirstAttemptOf(proxy, _ => true, ProxyReply.Error(503, "SlowDown"));
        var options = Options(tree, proxy);

        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        Assert.HasCount(32, throttled, "every asset PUT was first answered 503 Slow Down");
        Assert.AreEqual(32, result.UploadedObjects);
        await AssertConsistentAsync(options);
        await AssertVerifiesAsync(options, result);
    }

    [TestMethod]
    public async Task A_store_that_throttles_bursts_still_gets_every_object_at_the_default_concurrency()
    {
        // At most 2 asset PUTs per 250 ms window are taken (8 a second); the rest get 503 Slow Down. The default
        // concurrency sends all 32 at once. With the SDK's default of two retries some object fails for good.
        using var tree = new AssetTree();
        await using var proxy = Proxy();
        var accepted = new Queue<long>();
        var throttled = 0;
        proxy.Intercept = r =>
        {
            if (!IsAssetPut(r))
            {
                return null;
            }

            lock (accepted)
            {
                var now = Environment.TickCount64;
                while (accepted.Count > 0 && now - accepted.Peek() > 250)
                {
                    accepted.Dequeue();
                }

                if (accepted.Count < 2)
                {
                    accepted.Enqueue(now);
                    return null;
                }
            }

            Interlocked.Increment(ref throttled);
            return ProxyReply.Error(503, "SlowDown");
        };
        var options = Options(tree, proxy);

        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        Assert.IsGreaterThan(10, throttled, "the burst was throttled");
        Assert.AreEqual(32, result.UploadedObjects);
        await AssertConsistentAsync(options);
        await AssertVerifiesAsync(options, result);
    }

    [TestMethod]
    public async Task A_store_that_keeps_throttling_stops_the_publish_with_advice_to_lower_the_concurrency()
    {
        using var tree = new AssetTree();
        await using var proxy = Proxy();
        proxy.Intercept = r => IsAssetPut(r) ? ProxyReply.Error(503, "SlowDown") : null;
        var options = Options(tree, proxy);

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options));

        Assert.AreEqual(ErrorCodes.RequestFailed, error.Code);
        StringAssert.Contains(error.Message, "HTTP 503 (SlowDown");
        StringAssert.Contains(error.Message, "Run again with fewer parallel requests (StaticPublishConcurrency, --concurrency; the default is 64)");
        Assert.IsFalse(File.Exists(options.ManifestPath), "no local manifest");
    }

    [TestMethod]
    public async Task A_lost_write_is_caught_by_the_check_and_uploaded_again_before_anything_names_it()
    {
        using var tree = new AssetTree();
        await using var proxy = Proxy();
        var swallowed = FirstAttemptOf(proxy, key => key.Contains("/img/logo.", StringComparison.Ordinal) && !key.EndsWith("/img/logo.png", StringComparison.Ordinal), ProxyReply.Swallow);
        var options = Options(tree, proxy);

        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        Assert.HasCount(1, swallowed, "the fingerprinted logo's first PUT was answered 200 but not stored");
        var logoPuts = proxy.Requests.Count(r => IsAssetPut(r) && r.PathAndQuery.Contains("/img/logo.", StringComparison.Ordinal) && !r.PathAndQuery.EndsWith("/img/logo.png", StringComparison.Ordinal));
        Assert.AreEqual(2, logoPuts, "the check found it missing and it went up again");
        await AssertConsistentAsync(options);
        await AssertVerifiesAsync(options, result);
    }

    [TestMethod]
    public async Task A_store_that_keeps_losing_a_write_fails_the_publish_with_SPUB1012_and_nothing_names_the_object()
    {
        using var tree = new AssetTree();
        await using var proxy = Proxy();
        proxy.Intercept = r => IsAssetPut(r) && r.PathAndQuery.Contains("/img/logo.", StringComparison.Ordinal) && !r.PathAndQuery.EndsWith("/img/logo.png", StringComparison.Ordinal)
            ? ProxyReply.Swallow
            : null;
        var options = Options(tree, proxy);

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options));

        Assert.AreEqual(ErrorCodes.ObjectsMissingAfterUpload, error.Code);
        StringAssert.Contains(error.Message, "/img/logo.");
        Assert.IsFalse(File.Exists(options.ManifestPath));
        Assert.IsEmpty(await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/_staticpublish/"));
        Assert.IsFalse(proxy.Requests.Any(r => IsAssetPut(r) && !IsImmutable(r)), "no mutable object went up before the immutable ones were all in place");
        await AssertConsistentAsync(options);
    }

    [TestMethod]
    public async Task Immutable_objects_go_up_and_are_checked_before_mutable_ones_and_the_record_goes_last()
    {
        using var tree = new AssetTree();
        await using var proxy = Proxy();
        var options = Options(tree, proxy);

        await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        var requests = proxy.Requests.ToList();
        var lastImmutable = requests.FindLastIndex(r => IsAssetPut(r) && IsImmutable(r));
        var firstMutable = requests.FindIndex(r => IsAssetPut(r) && !IsImmutable(r));
        var record = requests.FindIndex(r => r.Method == "PUT" && r.PathAndQuery.Contains("/_staticpublish/apps/", StringComparison.Ordinal));
        var checkBetween = requests.FindIndex(lastImmutable, r => r.Method == "GET" && r.PathAndQuery.Contains("list-type=2", StringComparison.Ordinal));
        Assert.IsTrue(lastImmutable >= 0 && firstMutable > lastImmutable, "every fingerprinted object before any original or kept name");
        Assert.IsTrue(checkBetween > lastImmutable && checkBetween < firstMutable, "a LIST checks them in between");
        Assert.IsGreaterThan(requests.FindLastIndex(IsAssetPut), record, "the release record after every object");
        Assert.IsTrue(requests.Skip(record).Any(r => r.PathAndQuery.Contains("list-type=2", StringComparison.Ordinal)), "and a last check after it");
    }

    [TestMethod]
    public async Task An_interrupted_first_publish_leaves_objects_that_the_next_publish_proves_with_one_HEAD_each()
    {
        // The state a run killed between its objects and its record leaves (and what deleting a record does).
        using var tree = new AssetTree();
        var options = Options(tree);
        await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        foreach (var key in await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/_staticpublish/"))
        {
            await Fixture.Bucket.Client.DeleteObjectAsync(Fixture.Bucket.BucketName, key);
        }

        await using var proxy = Proxy();
        var again = Options(tree, proxy);

        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, again);

        Assert.AreEqual(0, result.UploadedObjects);
        Assert.AreEqual(32, proxy.Requests.Count(r => r.Method == "HEAD"));
        Assert.AreEqual(1, proxy.Requests.Count(r => r.Method == "PUT" && r.PathAndQuery.Contains("/_staticpublish/apps/", StringComparison.Ordinal)), "only the record is written");
        await AssertConsistentAsync(again);
    }

    [TestMethod]
    public async Task A_damaged_release_record_is_passed_over_by_publish_and_stops_prune()
    {
        using var tree = new AssetTree();
        var options = Options(tree) with { KeepReleases = 2 };
        await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        var record = (await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/_staticpublish/apps/")).Single();
        await Fixture.Bucket.Client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest
        {
            BucketName = Fixture.Bucket.BucketName,
            Key = record,
            ContentBody = """{"version":1,"app":"x","release":"0123456789abcdef","publishedAt":"2026-01-01T00:00:00Z","manifest":{"version":1,"release":"r","baseUrl":"b","assets":null},"objects":null}""",
            UseChunkEncoding = false,
        });
        var log = new RecordingPublishLog();

        tree.Write("img/bg.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>2</text></svg>");
        var second = await new StaticAssetPublisher(log).PublishDirectoryAsync(tree.Root, options);
        var prune = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => new StaticAssetPublisher().PruneAsync(options with { Prune = true, AppName = AppName(tree) }));

        var warning = log.Warnings.Single(w => w.Code == ErrorCodes.ManifestUnreadable);
        StringAssert.Contains(warning.Message, record);
        StringAssert.Contains(warning.Message, "goes on from the release before it");
        Assert.AreEqual(6, second.UploadedObjects, "the changed svg and the CSS that references it, each under two names; the rest proven by HEAD");
        Assert.AreEqual(ErrorCodes.ReleaseRecordMissing, prune.Code);
        StringAssert.Contains(prune.Message, $"its record '{record}'");
        StringAssert.Contains(prune.Message, "nothing was deleted");
        await AssertConsistentAsync(options, skip: record);
    }

    [TestMethod]
    public async Task Two_publishes_racing_with_prune_lose_no_release_and_leave_every_kept_object()
    {
        using var tree = new AssetTree();
        var options = Options(tree) with { KeepReleases = 2, Prune = true };
        for (var i = 0; i < 3; i++)
        {
            tree.Write("img/bg.svg", $"<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{i}</text></svg>");
            await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        }

        // Two pipelines at once: one publishes new content, the other rolls back to the first release's content.
        using var other = new AssetTree();
        other.Write("img/bg.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>0</text></svg>");
        tree.Write("img/bg.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>3</text></svg>");
        var otherOptions = options with { ManifestPath = Path.Combine(other.Root + "-out", AssetManifest.FileName), AppName = AppName(tree) };
        var results = await Task.WhenAll(
            new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options),
            new StaticAssetPublisher().PublishDirectoryAsync(other.Root, otherOptions));

        var records = await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/_staticpublish/apps/");
        Assert.IsTrue(results.All(r => records.Any(k => k.EndsWith($"-{r.Release}.json", StringComparison.Ordinal))), "neither run lost the other's release record");
        await AssertConsistentAsync(options);
        await AssertConsistentAsync(otherOptions);

        // Fingerprinted objects of both releases are intact. Original names are overwritten in place, so they hold
        // whichever publish wrote them last, as any deploy of mutable files does; each holds one of the two.
        foreach (var result in results)
        {
            var immutable = result.Manifest with { Assets = new(result.Manifest.Assets.ToDictionary(p => p.Key, p => p.Value with { Original = null }), StringComparer.Ordinal) };
            await AssertVerifiesAsync(options, new PublishResult { Release = result.Release, Manifest = immutable, Actions = [] });
        }

        var site = results.Select(r => r.Manifest.Assets["css/site.css"]).ToList();
        var stored = await Fixture.Bucket.Client.GetObjectMetadataAsync(Fixture.Bucket.BucketName, site[0].Original!.Key);
        CollectionAssert.Contains(site.Select(e => e.Size).ToList(), stored.ContentLength, "the original name holds one release's bytes, whole");
    }

    private static RecordingProxy Proxy() => new(Fixture.Bucket.Server.Settings.Endpoint);

    /// <summary>Applies <paramref name="reply"/> to the first attempt of each asset PUT whose key matches; returns those keys.</summary>
    private static ConcurrentDictionary<string, bool> FirstAttemptOf(RecordingProxy proxy, Func<string, bool> match, ProxyReply reply)
    {
        var hit = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        proxy.Intercept = r => IsAssetPut(r) && match(r.PathAndQuery) && hit.TryAdd(r.PathAndQuery, true) ? reply : null;
        return hit;
    }

    private static bool IsAssetPut(RecordedRequest request) =>
        request.Method == "PUT" && !request.PathAndQuery.Contains('?', StringComparison.Ordinal) && !request.PathAndQuery.Contains("/_staticpublish/", StringComparison.Ordinal);

    /// <summary>Fingerprinted keys end with a 10-character fingerprint before the extension.</summary>
    private static bool IsImmutable(RecordedRequest request) =>
        System.Text.RegularExpressions.Regex.IsMatch(request.PathAndQuery, @"\.[0-9a-z]{10}(\.[A-Za-z0-9]+)+$");

    private static string Location(AssetTree tree) => "f-" + AppName(tree);

    private static string AppName(AssetTree tree) => Path.GetFileName(tree.Root);

    private static StaticPublishOptions Options(AssetTree tree, RecordingProxy? proxy = null, Action<S3StorageOptions>? configure = null) => new()
    {
        Storage = Fixture.Options(s =>
        {
            s.Location = Location(tree);
            if (proxy is not null)
            {
                s.EndpointUrl = proxy.Url;
            }

            configure?.Invoke(s);
        }),
        ManifestPath = Path.Combine(tree.Root + "-out", AssetManifest.FileName),
        AppName = AppName(tree),
    };

    /// <summary>Every release record in the bucket, and the local manifest, name only objects that are there.</summary>
    private static async Task AssertConsistentAsync(StaticPublishOptions options, string? skip = null)
    {
        var prefix = options.Storage.Location.Trim('/') + "/";
        var keys = (await Fixture.Bucket.ListKeysAsync(prefix)).ToHashSet(StringComparer.Ordinal);
        foreach (var recordKey in keys.Where(k => k.StartsWith(prefix + "_staticpublish/apps/", StringComparison.Ordinal) && k != skip))
        {
            using var response = await Fixture.Bucket.Client.GetObjectAsync(Fixture.Bucket.BucketName, recordKey);
            var record = JsonSerializer.Deserialize(response.ResponseStream, ManifestJsonContext.Default.ReleaseRecord)!;
            var missing = record.Objects.Keys.Where(k => !keys.Contains(k)).ToList();
            Assert.IsEmpty(missing, $"{recordKey} names objects that are not in the bucket: {string.Join(", ", missing)}");
        }

        if (options.ManifestPath is { } path && File.Exists(path))
        {
            var manifest = AssetManifestReader.Read(path);
            var missing = manifest.Assets.Values.SelectMany(e => e.Original is null ? [e.Key] : new[] { e.Key, e.Original.Key }).Where(k => !keys.Contains(k)).ToList();
            Assert.IsEmpty(missing, $"{path} names objects that are not in the bucket: {string.Join(", ", missing)}");
        }
    }

    private static async Task AssertVerifiesAsync(StaticPublishOptions options, PublishResult result)
    {
        var direct = Fixture.Options(s => s.Location = options.Storage.Location);
        using var storage = new S3Storage(direct);
        var report = await ManifestVerifier.VerifyAsync(storage, result.Manifest, deep: true);
        Assert.IsTrue(report.IsValid, string.Join(Environment.NewLine, report.Mismatches));
    }
}
