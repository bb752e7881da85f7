using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Text;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// The publish pipeline: prepare (rewrite, fingerprint, gzip) → decide per object from one prefix LIST and the app's
/// previous release record → upload immutable objects and check them, then mutable ones (original and kept names)
/// and check them → record the release → write the local manifest → prune. Nothing that names an object is written
/// before the object is in the bucket. The MSBuild task and the command line are thin faces over this class.
/// </summary>
public sealed class StaticAssetPublisher
{
    private readonly IPublishLog _log;

    /// <summary>Creates a publisher that reports to <paramref name="log"/>.</summary>
    public StaticAssetPublisher(IPublishLog? log = null) => _log = log ?? NullPublishLog.Instance;

    /// <summary>Collects the assets of a publish folder and publishes them; the app name defaults to the folder's app.</summary>
    public Task<PublishResult> PublishDirectoryAsync(string publishDirectory, StaticPublishOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var assets = StaticAssetCollector.Collect(publishDirectory, log: _log);
        return PublishAsync(assets, options with { AppName = options.AppName ?? StaticAssetCollector.AppNameOf(publishDirectory) }, cancellationToken);
    }

    /// <summary>Publishes collected assets. Nothing local is written unless every object the manifest names is in the bucket.</summary>
    public async Task<PublishResult> PublishAsync(IReadOnlyList<CollectedAsset> assets, StaticPublishOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        foreach (var asset in assets)
        {
            // Checked on the normalised name, which is where the object would land ('a/../_staticpublish/x' included).
            if (Named(asset, () => StorageNames.Clean(asset.LogicalPath)).StartsWith(ReleaseHistory.Folder + "/", StringComparison.Ordinal))
            {
                throw new StaticPublishException(ErrorCodes.InvalidSetting,
                    $"The asset '{asset.FilePath}' would be published under '{ReleaseHistory.Folder}/', which StaticPublish reserves for its release records. Move or rename it.");
            }
        }

        if (assets.Count == 0)
        {
            _log.Warning(ErrorCodes.NothingToPublish, null,
                "There are no assets to publish, so nothing was uploaded or recorded and no manifest was written. Check that the folder is the app's publish output (with wwwroot) or a folder of assets.");
            return new PublishResult
            {
                Release = "",
                Manifest = new AssetManifest { Release = "", BaseUrl = options.BaseUrl ?? "", Assets = [] },
                Actions = [],
                DryRun = options.DryRun,
                Elapsed = clock.Elapsed,
            };
        }

        WarnAboutUnknownTypes(assets);
        using var storage = new S3Storage(options.Storage);
        var history = new ReleaseHistory(storage);
        var planner = new PublishPlanner(options);
        var app = options.EffectiveAppName;
        var work = Directory.CreateTempSubdirectory("staticpublish-");
        try
        {
            // The bucket's state loads while the assets are prepared; unchanged assets then skip compression.
            var loading = BucketState.LoadAsync(storage, history, app, _log, cancellationToken);
            var prepared = await new AssetPreparer(options, _log, work.FullName)
                .PrepareAsync(assets, ReuseRuleAsync(loading, planner), cancellationToken).ConfigureAwait(false);
            var state = await loading.ConfigureAwait(false);
            var objects = ListObjects(prepared, planner);
            var plan = await planner.DecideAsync(objects, state, storage, cancellationToken).ConfigureAwait(false);
            var manifest = BuildManifest(prepared, objects, options, storage);
            _log.Detail($"prepared {prepared.Count} assets as {objects.Count} objects in {clock.Elapsed.TotalSeconds:0.0} s; release {manifest.Release}");

            var previous = state.Previous;
            var recordNeeded = previous is null || previous.Value.Record.Release != manifest.Release || previous.Value.Record.Manifest.BaseUrl != manifest.BaseUrl;
            var publishedAt = DateTimeOffset.UtcNow;
            var record = new ReleaseRecord
            {
                App = app,
                Release = manifest.Release,
                PublishedAt = publishedAt,
                Manifest = manifest,
                Objects = new SortedDictionary<string, string>(objects.ToDictionary(o => o.Key, o => o.State), StringComparer.Ordinal),
            };
            var recordKey = recordNeeded ? history.KeyFor(app, publishedAt, manifest.Release) : previous!.Value.Reference.Key;
            var actions = plan.Select(p => p.ToAction()).Append(new PlannedAction(
                recordNeeded ? PlannedActionKind.Upload : PlannedActionKind.Skip, recordKey, ReleaseHistory.Serialize(record).Length,
                recordNeeded ? "release record" : "unchanged", null) { ObjectKind = PublishedObjectKind.ReleaseRecord }).ToList();
            var cors = options.Cors ? await EnsureCorsAsync(storage, options, cancellationToken).ConfigureAwait(false) : null;

            if (options.DryRun)
            {
                var plannedPrune = options.Prune
                    ? await new Pruner(storage, history, options, _log).RunAsync(state.Listed, state.Releases, null, dryRun: true, cancellationToken).ConfigureAwait(false)
                    : null;
                return new PublishResult { Release = manifest.Release, Manifest = manifest, Actions = actions, DryRun = true, Elapsed = clock.Elapsed, CorsChange = cors, Prune = plannedPrune };
            }

            // Immutable objects first, checked; then names whose bytes change in place, checked; then the record that
            // names them, and a last check for what a concurrent prune may have deleted meanwhile.
            var uploads = plan.Where(p => p.Kind == PlannedActionKind.Upload).ToList();
            var writes = uploads.Count > 0 || recordNeeded;
            _log.UploadStarting(uploads.Count, uploads.Sum(u => u.Object.Size));
            var uploader = new PublishUploader(storage, history.LocationPrefix, options.Concurrency, _log);
            await uploader.RunPhaseAsync([.. plan.Where(p => p.Object.IsImmutable)], writes, cancellationToken).ConfigureAwait(false);
            await uploader.RunPhaseAsync([.. plan.Where(p => !p.Object.IsImmutable)], writes, cancellationToken).ConfigureAwait(false);
            (ReleaseReference, ReleaseRecord)? current = previous;
            if (recordNeeded)
            {
                await history.WriteAsync(recordKey, record, cancellationToken).ConfigureAwait(false);
                current = (new ReleaseReference(recordKey, app, manifest.Release, DateTimeOffset.MaxValue), record);
                await uploader.RunPhaseAsync([.. plan.Select(p => p with { Kind = PlannedActionKind.Skip })], check: true, cancellationToken).ConfigureAwait(false);
            }

            if (options.ManifestPath is not null)
            {
                WriteIfChanged(options.ManifestPath, AssetManifestWriter.Serialize(manifest));
            }

            PruneResult? pruned = null;
            if (options.Prune)
            {
                pruned = await new Pruner(storage, history, options, _log).RunAsync(state.Listed, state.Releases, current, dryRun: false, cancellationToken).ConfigureAwait(false);
                if (pruned.SkippedReason is { } skipped)
                {
                    _log.Warning(ErrorCodes.PruneSkipped, null, skipped);
                }
            }

            return new PublishResult
            {
                Release = manifest.Release,
                Manifest = manifest,
                Actions = actions,
                ManifestPath = options.ManifestPath,
                Elapsed = clock.Elapsed,
                CorsChange = cors,
                Prune = pruned,
            };
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Deletes objects that only releases older than the app's newest <see cref="StaticPublishOptions.KeepReleases"/>
    /// reference. Without <see cref="StaticPublishOptions.AppName"/>, the one app with releases under the prefix.
    /// </summary>
    public async Task<PruneResult> PruneAsync(StaticPublishOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var storage = new S3Storage(options.Storage);
        var history = new ReleaseHistory(storage);
        var listing = await storage.ListObjectsAsync(history.LocationPrefix, cancellationToken).ConfigureAwait(false);
        var releases = history.FromListing(listing);
        var apps = releases.Select(r => r.App).Distinct().Order(StringComparer.Ordinal).ToList();
        var where = $"under '{history.LocationPrefix}' in bucket '{options.Storage.BucketName}'";
        var app = options.AppName ?? (apps.Count == 1 ? apps[0] : null);
        if (apps.Count == 0)
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting,
                $"No StaticPublish releases were found {where}. Check the bucket and prefix; prune only deletes what earlier releases published.");
        }

        if (app is null || !apps.Contains(app))
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting, app is null
                ? $"Several apps have releases {where}: {string.Join(", ", apps)}. Name the one to prune with --app (StaticPublishAppName)."
                : $"App '{app}' has no releases {where}; the apps there are {string.Join(", ", apps)}. Name one of them with --app.");
        }

        var result = await new Pruner(storage, history, options with { AppName = app }, _log)
            .RunAsync(listing.ToDictionary(o => o.Key, StringComparer.Ordinal), releases, null, options.DryRun, cancellationToken).ConfigureAwait(false);
        if (result.SkippedReason is not null && !options.DryRun)
        {
            throw new StaticPublishException(ErrorCodes.TooManyDeletes, result.SkippedReason);
        }

        return result;
    }

    private static async Task<Func<PreparedAsset, PreparedAsset?>?> ReuseRuleAsync(Task<BucketState> loading, PublishPlanner planner)
    {
        try
        {
            return planner.ReuseGzip(await loading.ConfigureAwait(false));
        }
        catch (Exception e) when (e is StaticPublishException or OperationCanceledException)
        {
            // The publish reports this failure when it awaits the state itself; preparing just goes without reuse.
            return null;
        }
    }

    /// <summary>Turns a storage-name failure into one that names the asset's file.</summary>
    private static T Named<T>(CollectedAsset asset, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (StaticPublishException e) when (e.Code == ErrorCodes.InvalidKeyName)
        {
            throw new StaticPublishException(e.Code, $"The asset '{asset.FilePath}' cannot be published: {e.Message}", e) { Key = e.Key };
        }
    }

    private static List<PublishObject> ListObjects(IReadOnlyList<PreparedAsset> prepared, PublishPlanner planner)
    {
        var objects = prepared.SelectMany(p => Named(p.Source, () => planner.ObjectsFor(p).ToList())).OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        for (var i = 1; i < objects.Count; i++)
        {
            if (objects[i].Key == objects[i - 1].Key)
            {
                throw new StaticPublishException(ErrorCodes.ManifestUnreadable,
                    $"'{objects[i - 1].Asset.Source.FilePath}' and '{objects[i].Asset.Source.FilePath}' would both be stored as '{objects[i].Key}'. Rename one of them, or keep the name of neither.")
                { Key = objects[i].Key };
            }
        }

        return objects;
    }

    private void WarnAboutUnknownTypes(IReadOnlyList<CollectedAsset> assets)
    {
        var unknown = assets.Where(a => ContentTypes.IsUnexpectedFallback(a.LogicalPath, a.ContentType))
            .GroupBy(a => Path.GetExtension(a.LogicalPath).ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            var list = string.Join(", ", unknown.Select(g => $"{g.Key} ({g.Count()}, e.g. '{g.First().LogicalPath}')"));
            _log.Warning(ErrorCodes.ContentTypeFallback, unknown[0].First().FilePath,
                $"Assets with these extensions are stored as {ContentTypes.Fallback}, which browsers download instead of using: {list}. Map the extension to its type (the SDK's StaticWebAssetContentTypeMapping item) or rename the files.");
        }
    }

    private async Task<string?> EnsureCorsAsync(S3Storage storage, StaticPublishOptions options, CancellationToken cancellationToken)
    {
        try
        {
            if (options.DryRun)
            {
                return await S3BucketCors.IsInPlaceAsync(storage, options.CorsOrigins, cancellationToken).ConfigureAwait(false)
                    ? null
                    : $"would allow GET and HEAD from {string.Join(", ", S3BucketCors.NormalizeOrigins(options.CorsOrigins))} on bucket '{storage.Options.BucketName}' (CORS)";
            }

            var changes = await S3BucketCors.EnsureAsync(storage, options.CorsOrigins, cancellationToken).ConfigureAwait(false);
            var change = changes.Count > 0 ? changes[0] : null;
            if (change is not null)
            {
                _log.Info(change);
            }

            return change;
        }
        catch (StaticPublishException e) when (e.Code is ErrorCodes.AccessDenied or ErrorCodes.RequestFailed)
        {
            _log.Warning(ErrorCodes.CorsNotConfigured, null,
                $"The bucket '{storage.Options.BucketName}' refused its CORS configuration ({e.Code}), so pages on other origins may not load these assets: browsers block integrity-checked CSS and JS, fonts and JS modules without CORS. "
                + "Run 'staticpublish init-bucket --origin <app origin>' with credentials allowed s3:PutBucketCORS; behind CloudFront, add a response headers policy with CORS (or forward the Origin header). Set StaticPublishCors=false to skip this step.");
            return null;
        }
    }

    private static AssetManifest BuildManifest(IReadOnlyList<PreparedAsset> prepared, List<PublishObject> objects, StaticPublishOptions options, S3Storage storage)
    {
        var originals = objects.Where(o => o.Kind == PublishedObjectKind.OriginalName)
            .ToDictionary(o => o.Asset.Source.LogicalPath, o => new AssetManifestOriginal(o.Key, o.Headers.CacheControl!), StringComparer.Ordinal);
        var assets = new SortedDictionary<string, AssetManifestEntry>(StringComparer.Ordinal);
        foreach (var asset in prepared)
        {
            assets.Add(asset.Source.LogicalPath, new AssetManifestEntry
            {
                Key = StorageNames.ToKey(options.Storage.Location, asset.FinalPath),
                Path = S3UrlBuilder.EncodeKey(asset.FinalPath),
                Size = asset.Size,
                ContentType = asset.ContentType,
                ContentEncoding = asset.ContentEncoding,
                CacheControl = asset.Fingerprinted ? options.CacheControl : options.UnfingerprintedCacheControl,
                Integrity = asset.Integrity,
                Fingerprinted = asset.Fingerprinted,
                Original = originals.GetValueOrDefault(asset.Source.LogicalPath),
            });
        }

        // The release id covers what is in the bucket (every object's key, size and state), not the base URL.
        var identity = new StringBuilder();
        foreach (var item in objects)
        {
            identity.Append(item.Key).Append('\t').Append(item.Size).Append('\t').Append(item.State).Append('\n');
        }

        foreach (var (path, entry) in assets)
        {
            identity.Append(path).Append('\t').Append(entry.Key).Append('\n');
        }

        var release = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())), 0, 8).ToLowerInvariant();
        var baseUrl = options.BaseUrl ?? storage.PublicUrlOfPrefix();
        return new AssetManifest
        {
            Release = release,
            BaseUrl = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/",
            Assets = assets,
        };
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
