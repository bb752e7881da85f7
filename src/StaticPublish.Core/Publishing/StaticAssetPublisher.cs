using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// The publish pipeline: prepare (rewrite, fingerprint, gzip) → plan from one prefix LIST and the previous release's
/// manifest → upload immutable objects, verify, then mutable ones, then the release manifest and index → write the
/// local manifest → prune. The MSBuild task and the command line are thin faces over this class.
/// </summary>
public sealed class StaticAssetPublisher
{
    private readonly IPublishLog _log;

    /// <summary>Creates a publisher that reports to <paramref name="log"/>.</summary>
    public StaticAssetPublisher(IPublishLog? log = null) => _log = log ?? NullPublishLog.Instance;

    /// <summary>Collects the assets of a publish folder and publishes them.</summary>
    public Task<PublishResult> PublishDirectoryAsync(string publishDirectory, StaticPublishOptions options, CancellationToken cancellationToken = default) =>
        PublishAsync(StaticAssetCollector.Collect(publishDirectory), options, cancellationToken);

    /// <summary>Publishes collected assets. Nothing local is written unless every object the manifest names is in the bucket.</summary>
    public async Task<PublishResult> PublishAsync(IReadOnlyList<CollectedAsset> assets, StaticPublishOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        if (assets.FirstOrDefault(a => a.LogicalPath.StartsWith(ReleaseStore.Folder + "/", StringComparison.Ordinal)) is { } reserved)
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting,
                $"The asset '{reserved.FilePath}' would be published under '{ReleaseStore.Folder}/', which StaticPublish reserves for its release manifests. Move or rename it.");
        }

        using var storage = new S3Storage(options.Storage);
        var releases = new ReleaseStore(storage);
        var work = Directory.CreateTempSubdirectory("staticpublish-");
        try
        {
            // One paged LIST of the prefix and the previous release's manifest decide everything: no per-object HEAD.
            // They load while the assets are prepared, and let unchanged assets skip compression.
            var remote = LoadRemoteStateAsync(storage, releases, cancellationToken);
            var prepared = await new AssetPreparer(options, _log, work.FullName)
                .PrepareAsync(assets, PreviousManifestAsync(remote), cancellationToken).ConfigureAwait(false);
            var manifest = BuildManifest(prepared, options, storage);
            _log.Detail($"prepared {prepared.Count} assets in {clock.Elapsed.TotalSeconds:0.0} s; release {manifest.Release}");

            var (listed, index, previous, previousBytes) = await remote.ConfigureAwait(false);
            var known = (previous?.Assets.Values ?? Enumerable.Empty<AssetManifestEntry>()).ToDictionary(e => e.Key, StringComparer.Ordinal);
            var aclChanged = index.Releases.Count > 0 && index.Releases[0].Acl != options.Storage.DefaultAcl;

            var actions = new List<PlannedAction>();
            var uploads = new List<PreparedAsset>();
            foreach (var asset in prepared.OrderBy(p => p.Entry.Key, StringComparer.Ordinal))
            {
                var reason = UploadReason(asset.Entry, listed, known) ?? (aclChanged ? "ACL changed" : null);
                actions.Add(new PlannedAction(reason is null ? PlannedActionKind.Skip : PlannedActionKind.Upload,
                    asset.Entry.Key, asset.Entry.Size, reason ?? "unchanged", asset.Source.LogicalPath));
                if (reason is not null)
                {
                    uploads.Add(asset);
                }
            }

            // An upload whose gzip was reused from the previous release is compressed now; should this zlib produce
            // other bytes than the one that made the previous release, the manifest takes the real size.
            var resized = false;
            foreach (var upload in uploads.Where(u => u.CompressOnUpload && !options.DryRun))
            {
                resized |= upload.Materialize();
            }

            if (resized)
            {
                manifest = BuildManifest(prepared, options, storage);
                var sizes = prepared.ToDictionary(p => p.Entry.Key, p => p.Entry.Size, StringComparer.Ordinal);
                actions = [.. actions.Select(a => a.Kind == PlannedActionKind.Upload ? a with { Size = sizes[a.Key] } : a)];
            }

            var manifestBytes = ReleaseStore.Serialize(manifest);
            var releaseKey = releases.ManifestKey(manifest.Release);
            var uploadRelease = !listed.ContainsKey(releaseKey)
                || index.Releases[0].Release != manifest.Release
                || previousBytes is null || !previousBytes.AsSpan().SequenceEqual(manifestBytes);
            actions.Add(new PlannedAction(uploadRelease ? PlannedActionKind.Upload : PlannedActionKind.Skip, releaseKey, manifestBytes.Length,
                uploadRelease ? "release manifest" : "unchanged", null));
            var newIndex = UpdatedIndex(index, manifest.Release, options.Storage.DefaultAcl);
            var indexBytes = ReleaseStore.Serialize(newIndex);
            var uploadIndex = index.Releases.Count == 0 || index.Releases[0].Release != manifest.Release || aclChanged;
            actions.Add(new PlannedAction(uploadIndex ? PlannedActionKind.Upload : PlannedActionKind.Skip, releases.IndexKey, indexBytes.Length,
                uploadIndex ? "release index" : "unchanged", null));

            if (options.DryRun)
            {
                var prunePlan = options.Prune ? await PlanPruneAsync(storage, releases, newIndex, listed, manifest, options, cancellationToken).ConfigureAwait(false) : default;
                actions.AddRange(prunePlan.Deletes ?? []);
                return new PublishResult
                {
                    Release = manifest.Release,
                    Manifest = manifest,
                    Actions = actions,
                    DryRun = true,
                    Elapsed = clock.Elapsed,
                    PruneSkippedReason = prunePlan.SkippedReason,
                };
            }

            // Immutable objects first, verified; then names that are overwritten in place; then the release records.
            _log.UploadStarting(uploads.Count, uploads.Sum(u => u.Entry.Size));
            var immutable = uploads.Where(u => u.Entry.Fingerprinted).ToList();
            var mutable = uploads.Where(u => !u.Entry.Fingerprinted).ToList();
            await UploadAsync(storage, immutable, options.Concurrency, cancellationToken).ConfigureAwait(false);
            await VerifyAsync(storage, releases, immutable, cancellationToken).ConfigureAwait(false);
            await UploadAsync(storage, mutable, options.Concurrency, cancellationToken).ConfigureAwait(false);
            await VerifyAsync(storage, releases, mutable, cancellationToken).ConfigureAwait(false);
            if (uploadRelease)
            {
                using var payload = UploadPayload.FromBytes(manifestBytes);
                await storage.PutAsync(releaseKey, payload, ReleaseStore.JsonHeaders(options.UnfingerprintedCacheControl), cancellationToken).ConfigureAwait(false);
            }

            if (uploadIndex)
            {
                using var payload = UploadPayload.FromBytes(indexBytes);
                await storage.PutAsync(releases.IndexKey, payload, ReleaseStore.JsonHeaders("no-cache"), cancellationToken).ConfigureAwait(false);
            }

            if (options.ManifestPath is not null)
            {
                WriteIfChanged(options.ManifestPath, manifestBytes);
            }

            string? pruneSkipped = null;
            if (options.Prune)
            {
                var prune = await PlanPruneAsync(storage, releases, newIndex, listed, manifest, options, cancellationToken).ConfigureAwait(false);
                pruneSkipped = prune.SkippedReason;
                if (prune.Deletes is { Count: > 0 } deletes)
                {
                    await storage.DeleteKeysAsync(deletes.Select(d => d.Key), cancellationToken).ConfigureAwait(false);
                    actions.AddRange(deletes);
                    var trimmed = new ReleaseIndex { Releases = [.. newIndex.Releases.Take(options.KeepReleases)] };
                    using var payload = UploadPayload.FromBytes(ReleaseStore.Serialize(trimmed));
                    await storage.PutAsync(releases.IndexKey, payload, ReleaseStore.JsonHeaders("no-cache"), cancellationToken).ConfigureAwait(false);
                }
                else if (pruneSkipped is not null)
                {
                    _log.Warning(ErrorCodes.PruneSkipped, null, pruneSkipped);
                }
            }

            return new PublishResult
            {
                Release = manifest.Release,
                Manifest = manifest,
                Actions = actions,
                ManifestPath = options.ManifestPath,
                Elapsed = clock.Elapsed,
                PruneSkippedReason = pruneSkipped,
            };
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Deletes objects referenced by none of the newest <see cref="StaticPublishOptions.KeepReleases"/> releases.</summary>
    public async Task<PublishResult> PruneAsync(StaticPublishOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        using var storage = new S3Storage(options.Storage);
        var releases = new ReleaseStore(storage);
        var listed = (await storage.ListObjectsAsync(releases.LocationPrefix, cancellationToken).ConfigureAwait(false))
            .ToDictionary(o => o.Key, StringComparer.Ordinal);
        var index = await releases.ReadIndexAsync(listed.ContainsKey(releases.IndexKey), cancellationToken).ConfigureAwait(false);
        if (index.Releases.Count == 0)
        {
            throw new StaticPublishException(ErrorCodes.ManifestUnreadable,
                $"No StaticPublish releases were found under '{releases.LocationPrefix}' in bucket '{options.Storage.BucketName}'. Check the bucket and prefix; prune only deletes what earlier releases published.");
        }

        var (current, _) = await releases.ReadManifestAsync(index.Releases[0].Release, cancellationToken).ConfigureAwait(false);
        var plan = await PlanPruneAsync(storage, releases, index, listed, current, options, cancellationToken).ConfigureAwait(false);
        var deletes = plan.Deletes ?? [];
        if (plan.SkippedReason is not null && !options.DryRun)
        {
            throw new StaticPublishException(ErrorCodes.TooManyDeletes, plan.SkippedReason);
        }

        if (!options.DryRun && deletes.Count > 0)
        {
            await storage.DeleteKeysAsync(deletes.Select(d => d.Key), cancellationToken).ConfigureAwait(false);
            _log.Info($"deleted {deletes.Count} objects that none of the newest {options.KeepReleases} releases reference");
            using var payload = UploadPayload.FromBytes(ReleaseStore.Serialize(new ReleaseIndex { Releases = [.. index.Releases.Take(options.KeepReleases)] }));
            await storage.PutAsync(releases.IndexKey, payload, ReleaseStore.JsonHeaders("no-cache"), cancellationToken).ConfigureAwait(false);
        }

        return new PublishResult
        {
            Release = index.Releases[0].Release,
            Manifest = current ?? new AssetManifest { Release = index.Releases[0].Release, BaseUrl = "", Assets = [] },
            Actions = deletes,
            DryRun = options.DryRun,
            Elapsed = clock.Elapsed,
            PruneSkippedReason = plan.SkippedReason,
        };
    }

    private static async Task<(Dictionary<string, S3ListedObject> Listed, ReleaseIndex Index, AssetManifest? Previous, byte[]? PreviousBytes)> LoadRemoteStateAsync(
        S3Storage storage, ReleaseStore releases, CancellationToken cancellationToken)
    {
        var listed = (await storage.ListObjectsAsync(releases.LocationPrefix, cancellationToken).ConfigureAwait(false))
            .ToDictionary(o => o.Key, StringComparer.Ordinal);
        var index = await releases.ReadIndexAsync(listed.ContainsKey(releases.IndexKey), cancellationToken).ConfigureAwait(false);
        var (previous, previousBytes) = index.Releases.Count == 0
            ? (null, null)
            : await releases.ReadManifestAsync(index.Releases[0].Release, cancellationToken).ConfigureAwait(false);
        return (listed, index, previous, previousBytes);
    }

    private static async Task<AssetManifest?> PreviousManifestAsync(
        Task<(Dictionary<string, S3ListedObject> Listed, ReleaseIndex Index, AssetManifest? Previous, byte[]? PreviousBytes)> remote)
    {
        try
        {
            return (await remote.ConfigureAwait(false)).Previous;
        }
        catch (StaticPublishException)
        {
            // The publish reports this failure when it awaits the remote state itself; preparing just goes without reuse.
            return null;
        }
    }

    private static string? UploadReason(AssetManifestEntry entry, Dictionary<string, S3ListedObject> listed, Dictionary<string, AssetManifestEntry> known)
    {
        if (!listed.TryGetValue(entry.Key, out var existing))
        {
            return "new";
        }

        if (existing.Size != entry.Size)
        {
            return "content changed";
        }

        if (!known.TryGetValue(entry.Key, out var previous))
        {
            // In the bucket, but not from the previous release: its headers are unknown, so write it again.
            return "not in the previous release";
        }

        if (previous.Integrity != entry.Integrity || previous.ContentEncoding != entry.ContentEncoding)
        {
            return "content changed";
        }

        return previous.ContentType != entry.ContentType || previous.CacheControl != entry.CacheControl
            ? "headers changed"
            : null;
    }

    private static AssetManifest BuildManifest(IReadOnlyList<PreparedAsset> prepared, StaticPublishOptions options, S3Storage storage)
    {
        var assets = new SortedDictionary<string, AssetManifestEntry>(StringComparer.Ordinal);
        foreach (var asset in prepared)
        {
            assets.Add(asset.Source.LogicalPath, asset.Entry);
        }

        // The release id covers what is in the bucket (keys, bytes, headers), not the base URL.
        var identity = new StringBuilder();
        foreach (var (path, entry) in assets)
        {
            identity.Append(path).Append('\t').Append(entry.Key).Append('\t').Append(entry.Integrity).Append('\t').Append(entry.Size)
                .Append('\t').Append(entry.ContentType).Append('\t').Append(entry.ContentEncoding).Append('\t').Append(entry.CacheControl).Append('\n');
        }

        var release = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())), 0, 8).ToLowerInvariant();
        var baseUrl = options.BaseUrl ?? DefaultBaseUrl(storage);
        return new AssetManifest
        {
            Release = release,
            BaseUrl = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/",
            Assets = assets,
        };
    }

    /// <summary>The bucket's public URL for the prefix, used when no CDN base URL is configured.</summary>
    private static string DefaultBaseUrl(S3Storage storage)
    {
        var probe = new S3UrlBuilder(storage.Options).PublicUrl(storage.GetKey("x"));
        return probe[..^1];
    }

    private static ReleaseIndex UpdatedIndex(ReleaseIndex index, string release, string? acl) => new()
    {
        Releases = [new ReleaseIndexEntry(release, DateTimeOffset.UtcNow, acl), .. index.Releases.Where(r => r.Release != release)],
    };

    private async Task UploadAsync(S3Storage storage, List<PreparedAsset> uploads, int concurrency, CancellationToken cancellationToken)
    {
        // Largest first, so one big file does not finish alone at the end.
        var ordered = uploads.OrderByDescending(u => u.Entry.Size).ToList();
        await Parallel.ForEachAsync(ordered, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (asset, token) =>
            {
                using var payload = asset.OpenPayload();
                var headers = new S3ObjectHeaders
                {
                    ContentType = asset.Entry.ContentType,
                    ContentEncoding = asset.Entry.ContentEncoding,
                    CacheControl = asset.Entry.CacheControl,
                    CannedAcl = storage.Options.DefaultAcl,
                };
                await storage.PutAsync(asset.Entry.Key, payload, headers, token).ConfigureAwait(false);
                _log.Uploaded(asset.Entry.Key, asset.Entry.Size);
            }).ConfigureAwait(false);
    }

    private static async Task VerifyAsync(S3Storage storage, ReleaseStore releases, List<PreparedAsset> uploaded, CancellationToken cancellationToken)
    {
        if (uploaded.Count == 0)
        {
            return;
        }

        var listed = (await storage.ListObjectsAsync(releases.LocationPrefix, cancellationToken).ConfigureAwait(false))
            .ToDictionary(o => o.Key, o => o.Size, StringComparer.Ordinal);
        var missing = uploaded.Where(u => !listed.TryGetValue(u.Entry.Key, out var size) || size != u.Entry.Size).ToList();
        if (missing.Count > 0)
        {
            throw new StaticPublishException(ErrorCodes.RequestFailed,
                $"{missing.Count} uploaded objects are not in bucket '{storage.Options.BucketName}' with their size after upload, e.g. '{missing[0].Entry.Key}'. No manifest was written; publish again.")
            { Bucket = storage.Options.BucketName, Key = missing[0].Entry.Key };
        }
    }

    private static async Task<(List<PlannedAction>? Deletes, string? SkippedReason)> PlanPruneAsync(
        S3Storage storage,
        ReleaseStore releases,
        ReleaseIndex index,
        Dictionary<string, S3ListedObject> listed,
        AssetManifest? current,
        StaticPublishOptions options,
        CancellationToken cancellationToken)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal) { releases.IndexKey };
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < index.Releases.Count; i++)
        {
            var release = index.Releases[i].Release;
            var manifest = i == 0 && current?.Release == release
                ? current
                : (await releases.ReadManifestAsync(release, cancellationToken).ConfigureAwait(false)).Manifest;
            var keys = (manifest?.Assets.Values.Select(e => e.Key) ?? []).Append(releases.ManifestKey(release));
            (i < options.KeepReleases ? keep : candidates).UnionWith(keys);
        }

        // Only objects some older release published are candidates: anything else under the prefix is not ours to delete.
        var cutoff = DateTimeOffset.UtcNow - options.PruneMinimumAge;
        var deletes = candidates
            .Where(k => !keep.Contains(k) && listed.TryGetValue(k, out var o) && o.LastModified <= cutoff)
            .Order(StringComparer.Ordinal)
            .Select(k => new PlannedAction(PlannedActionKind.Delete, k, listed[k].Size, "referenced by no kept release", null))
            .ToList();
        if (deletes.Count > options.MaxDeletes)
        {
            return (null, $"Prune would delete {deletes.Count} objects from bucket '{storage.Options.BucketName}', more than the limit of {options.MaxDeletes}; nothing was deleted. Raise MaxDeletes if that is intended.");
        }

        return (deletes, null);
    }

    private static void WriteIfChanged(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && File.ReadAllBytes(full).AsSpan().SequenceEqual(bytes))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
