using System.Diagnostics;
using System.Runtime;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing.Preparing;
using StaticPublish.Core.Storage;

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

    /// <summary>
    /// Checks the options, collects the assets of a publish output or plain folder, and publishes them; the app name
    /// defaults to the folder's app.
    /// </summary>
    public Task<PublishResult> PublishDirectoryAsync(
        string publishDirectory, StaticPublishOptions options, PlainFolderOptions? plain = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var assets = StaticAssetCollector.Collect(publishDirectory, plain: plain, log: _log);
        return PublishValidatedAsync(assets, options with { AppName = options.AppName ?? StaticAssetCollector.AppNameOf(publishDirectory) }, cancellationToken);
    }

    /// <summary>Publishes collected assets. Nothing local is written unless every object the manifest names is in the bucket.</summary>
    public Task<PublishResult> PublishAsync(IReadOnlyList<CollectedAsset> assets, StaticPublishOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return PublishValidatedAsync(assets, options, cancellationToken);
    }

    private async Task<PublishResult> PublishValidatedAsync(IReadOnlyList<CollectedAsset> assets, StaticPublishOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        CollectedAssetChecks.CheckNames(assets);
        if (assets.Count == 0)
        {
            _log.Warning(ErrorCodes.NothingToPublish, null,
                "There are no assets to publish, so nothing was uploaded or recorded and no manifest was written. Check that the folder is the app's publish output (with wwwroot) or a folder of assets.");
            return new PublishResult { Release = "", Manifest = new AssetManifest { Release = "", BaseUrl = options.BaseUrl ?? "", Assets = [] }, Actions = [], DryRun = options.DryRun };
        }

        CollectedAssetChecks.WarnAboutUnknownTypes(assets, options.Rules, _log);
        if (options.Rules.Source is { } rulesSource)
        {
            _log.Info($"{options.Rules.All.Count} publish rules from {rulesSource}, the first match applies: {string.Join("; ", options.Rules.All.Select(r => r.Describe()))}");
        }

        using var store = new S3ObjectStore(options.Storage);
        var history = new ReleaseHistory(store);
        var planner = new PublishPlanner(options);
        var work = Directory.CreateTempSubdirectory("staticpublish-");
        Task background = Task.CompletedTask;
        // Cancelled when the publish fails: a publish that fails before its plan is built leaves the bucket's CORS alone.
        using var stopBackground = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // The bucket's state loads while the assets are prepared; unchanged assets then skip compression. CORS is
            // seen to once the bucket has answered, also while preparing.
            var loading = BucketState.LoadAsync(store, history, options.EffectiveAppName, SplitKeys(assets, history.LocationPrefix), options.Concurrency, _log, stopBackground.Token);
            var cors = options.Cors ? EnsureCorsOnceLoadedAsync(loading, store, options, stopBackground.Token) : Task.FromResult<string?>(null);
            background = Task.WhenAll(loading, cors);
            var prepared = await new AssetPreparer(options, _log, work.FullName).PrepareAsync(assets, ReuseRuleAsync(loading, planner), cancellationToken).ConfigureAwait(false);
            var state = await loading.ConfigureAwait(false);
            NoteIntegrityUpgrade(state);
            CollectAfterPreparing(assets.Count);
            var objects = ListObjects(prepared, planner, state.Listed);
            var plan = await planner.DecideAsync(objects, state, store, cancellationToken).ConfigureAwait(false);
            var release = ReleaseDraft.Build(prepared, objects, options, store.PrefixUrl(), history, state.Previous);
            _log.Detail($"prepared {prepared.Count} assets as {objects.Count} objects in {clock.Elapsed.TotalSeconds:0.0} s; release {release.Manifest.Release}");
            var result = new PublishResult
            {
                Release = release.Manifest.Release,
                Manifest = release.Manifest,
                Actions = [.. plan.Select(p => p.ToAction()), release.ActionFor(work.FullName)],
                DryRun = options.DryRun,
                CorsChange = await cors.ConfigureAwait(false),
            };

            if (options.DryRun)
            {
                var plannedPrune = options.Prune ? await new Pruner(store, history, options, _log).RunAsync(state.Listed, state.Releases, null, dryRun: true, cancellationToken).ConfigureAwait(false) : null;
                return result with { Prune = plannedPrune, Elapsed = clock.Elapsed };
            }

            (ReleaseReference, ReleaseSummary)? current;
            try
            {
                current = await UploadAndRecordAsync(store, history, options, plan, release, state, work.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (StaticPublishException e) when (EncryptionHint(e, options) is { } hinted)
            {
                throw hinted;
            }

            if (options.ManifestPath is not null)
            {
                AssetManifestWriter.WriteIfChanged(options.ManifestPath, release.Manifest);
            }

            var pruned = options.Prune ? await PruneAfterPublishAsync(store, history, options, state, current, cancellationToken).ConfigureAwait(false) : null;
            return result with { ManifestPath = options.ManifestPath, Prune = pruned, Elapsed = clock.Elapsed };
        }
        finally
        {
            // When preparing failed, the bucket's requests still running are cancelled and end before their client is
            // disposed; their own failures matter no more (WhenAny never throws; reading Exception observes them).
            if (!background.IsCompleted)
            {
                await stopBackground.CancelAsync().ConfigureAwait(false);
            }

            await Task.WhenAny(background).ConfigureAwait(false);
            _ = background.Exception;
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Says once, before the plan, why a bucket published by a build that wrote <c>sha384-</c> integrity gets every
    /// object again: each object's stored state covers the integrity, which is <c>sha256-</c> now.
    /// </summary>
    private void NoteIntegrityUpgrade(BucketState state)
    {
        // One publish wrote every entry of a record, so its first entry says which hash that build wrote.
        if (state.Previous is { } previous && previous.Record.Assets.Values.FirstOrDefault() is { } first
            && first.Integrity.StartsWith("sha384-", StringComparison.Ordinal))
        {
            _log.Info($"release {previous.Reference.Release} has sha384 integrity hashes; StaticPublish now writes sha256, the hash ASP.NET Core's endpoints carry, and each object's stored state covers it, so every object is uploaded once more (this time only)");
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
        using var store = new S3ObjectStore(options.Storage);
        var history = new ReleaseHistory(store);
        var listing = await store.ListAsync(history.LocationPrefix, cancellationToken).ConfigureAwait(false);
        var releases = history.FromListing(listing);
        var apps = releases.Select(r => r.App).Distinct().Order(StringComparer.Ordinal).ToList();
        var where = $"under '{history.LocationPrefix}' in bucket '{store.Bucket}'";
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

        var result = await new Pruner(store, history, options with { AppName = app }, _log)
            .RunAsync(listing.ToDictionary(o => o.Key, StringComparer.Ordinal), releases, null, options.DryRun, cancellationToken).ConfigureAwait(false);
        return result.SkippedReason is not null && !options.DryRun ? throw new StaticPublishException(ErrorCodes.TooManyDeletes, result.SkippedReason) : result;
    }

    /// <summary>
    /// Immutable objects first, checked; then names whose bytes change in place, checked; then the record that names
    /// them, and a last check for what a concurrent prune may have deleted meanwhile. Returns the app's newest release.
    /// </summary>
    private async Task<(ReleaseReference, ReleaseSummary)?> UploadAndRecordAsync(
        S3ObjectStore store, ReleaseHistory history, StaticPublishOptions options, IReadOnlyList<PlannedObject> plan, ReleaseDraft release, BucketState state,
        string workDirectory, CancellationToken cancellationToken)
    {
        var uploads = plan.Where(p => p.Kind == PlannedActionKind.Upload).ToList();
        var writes = uploads.Count > 0 || release.IsNew;
        _log.UploadStarting(uploads.Count, uploads.Sum(u => u.Object.Size));
        var uploader = new PublishUploader(store, history.LocationPrefix, options.Concurrency, _log);
        await uploader.RunPhaseAsync([.. plan.Where(p => p.Object.IsImmutable)], writes, cancellationToken).ConfigureAwait(false);
        await uploader.RunPhaseAsync([.. plan.Where(p => !p.Object.IsImmutable)], writes, cancellationToken).ConfigureAwait(false);
        if (!release.IsNew)
        {
            return state.Previous;
        }

        await history.WriteFromFileAsync(release.RecordKey, release.SerializeRecord(workDirectory).Path, cancellationToken).ConfigureAwait(false);
        await uploader.RunPhaseAsync([.. plan.Select(p => p with { Kind = PlannedActionKind.Skip })], check: true, cancellationToken).ConfigureAwait(false);
        return (new ReleaseReference(release.RecordKey, release.Record.App, release.Record.Release, DateTimeOffset.MaxValue), ReleaseSummary.From(release.Record));
    }

    /// <summary>
    /// An upload refused while no encryption was asked for most often meets a bucket policy that denies unencrypted
    /// PUTs, which the store cannot say: the error names the setting that fixes it.
    /// </summary>
    private static StaticPublishException? EncryptionHint(StaticPublishException e, StaticPublishOptions options)
    {
        const string Property = "ObjectParameters.ServerSideEncryption";
        if (e.Code != ErrorCodes.AccessDenied || e.Key is null || options.Storage.ObjectParameters.ServerSideEncryption != S3ServerSideEncryption.None)
        {
            return null;
        }

        var setting = options.SettingName?.Invoke(Property) ?? "StaticPublishServerSideEncryption (--server-side-encryption)";
        return new StaticPublishException(e.Code,
            $"{e.Message} If the bucket's policy requires encryption (it denies s3:PutObject without x-amz-server-side-encryption), set {setting} to AES256 or aws:kms.", e)
        { Bucket = e.Bucket, Key = e.Key };
    }

    private async Task<PruneResult> PruneAfterPublishAsync(
        S3ObjectStore store, ReleaseHistory history, StaticPublishOptions options, BucketState state, (ReleaseReference, ReleaseSummary)? current, CancellationToken cancellationToken)
    {
        var pruned = await new Pruner(store, history, options, _log).RunAsync(state.Listed, state.Releases, current, dryRun: false, cancellationToken).ConfigureAwait(false);
        if (pruned.SkippedReason is { } skipped)
        {
            _log.Warning(ErrorCodes.PruneSkipped, null, skipped);
        }

        return pruned;
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

    /// <summary>
    /// Keys that split a LIST of the prefix into ranges of about a page: every 500th asset's original name, as a
    /// release stores about two objects (fingerprinted and original name) per asset, side by side.
    /// </summary>
    internal static IEnumerable<string> SplitKeys(IReadOnlyList<CollectedAsset> assets, string locationPrefix) =>
        assets.Select(a => locationPrefix + a.LogicalPath).Order(KeyOrder.Instance).Where((_, i) => i > 0 && i % 500 == 0);

    /// <summary>
    /// Preparing a large publish (reading, hashing, gzip, the bucket's LIST and the previous record's JSON) leaves
    /// hundreds of MB of garbage, much of it promoted while the work ran; the objects, plan and manifests built next
    /// would grow the heap on top of it. One compacting collection at this boundary keeps the peak near what is live
    /// (a no-change publish of 50,040 assets peaked at 330-344 MB with it, 346-353 MB without, in one run each). Small
    /// publishes skip it.
    /// </summary>
    private static void CollectAfterPreparing(int assets)
    {
        // Only where the host asked for it (the staticpublish tool does, in its runtimeconfig): a forced collection in
        // MSBuild's or an app's process is the host's decision, not a library's.
        if (assets >= LargePublish && AppContext.TryGetSwitch(CollectAfterPreparingSwitch, out var enabled) && enabled)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    /// <summary>The asset count from which <see cref="CollectAfterPreparing"/> collects.</summary>
    private const int LargePublish = 10_000;

    /// <summary>The AppContext switch a host sets to let <see cref="CollectAfterPreparing"/> collect.</summary>
    private const string CollectAfterPreparingSwitch = "StaticPublish.CollectAfterPreparing";

    /// <summary>
    /// Every object of the release in key order. A key the bucket already lists is taken as the listing's string, so
    /// the two do not each hold a copy of tens of thousands of keys.
    /// </summary>
    private static List<PublishObject> ListObjects(IReadOnlyList<PreparedAsset> prepared, PublishPlanner planner, IReadOnlyDictionary<string, S3ListedObject> listed)
    {
        var objects = prepared.SelectMany(p => CollectedAssetChecks.Named(p.Source, () => planner.ObjectsFor(p).ToList())).OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < objects.Count; i++)
        {
            if (listed.TryGetValue(objects[i].Key, out var known))
            {
                objects[i] = objects[i] with { Key = known.Key };
            }
        }

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

    /// <summary>
    /// <see cref="EnsureCorsAsync"/> once the bucket's state has loaded; nothing when it failed to, as awaiting the
    /// state itself reports that failure.
    /// </summary>
    private async Task<string?> EnsureCorsOnceLoadedAsync(Task<BucketState> loading, S3ObjectStore store, StaticPublishOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await loading.ConfigureAwait(false);
        }
        catch (Exception e) when (e is StaticPublishException or OperationCanceledException)
        {
            return null;
        }

        return await EnsureCorsAsync(store, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes sure the bucket answers CORS (a dry run only asks); a store that refuses gets a warning saying what to do.</summary>
    private async Task<string?> EnsureCorsAsync(S3ObjectStore store, StaticPublishOptions options, CancellationToken cancellationToken)
    {
        var origins = S3BucketCors.NormalizeOrigins(options.CorsOrigins);
        var administrator = new S3BucketAdministrator(store);
        try
        {
            if (options.DryRun)
            {
                return await administrator.IsCorsInPlaceAsync(origins, cancellationToken).ConfigureAwait(false)
                    ? null
                    : $"would allow GET and HEAD from {string.Join(", ", origins)} on bucket '{store.Bucket}' (CORS)";
            }

            var changes = await administrator.EnsureCorsAsync(origins, cancellationToken).ConfigureAwait(false);
            foreach (var change in changes)
            {
                _log.Info(change);
            }

            return changes.Count > 0 ? changes[0] : null;
        }
        catch (StaticPublishException e) when (e.Code is ErrorCodes.AccessDenied or ErrorCodes.RequestFailed)
        {
            _log.Warning(ErrorCodes.CorsNotConfigured, null,
                $"The bucket '{store.Bucket}' refused its CORS configuration ({e.Code}), so pages on other origins may not load these assets: browsers block integrity-checked CSS and JS, fonts and JS modules without CORS. "
                + "Run 'staticpublish init-bucket --origin <app origin>' with credentials allowed s3:PutBucketCORS; behind CloudFront, add a response headers policy with CORS (or forward the Origin header). Set StaticPublishCors=false to skip this step.");
            return null;
        }
    }
}
