using System.Collections.Concurrent;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// Decides, per object, whether to upload it. The previous release record proves most objects; an object in the
/// bucket that no record proves (left by an interrupted publish, or written by another app) gets one HEAD, whose
/// <c>x-amz-meta-staticpublish</c> state proves or disproves it. ETags are never trusted to be MD5s.
/// </summary>
internal sealed class PublishPlanner(StaticPublishOptions options)
{
    /// <summary>The objects an asset is stored as: its fingerprinted or kept name, and its original name too when asked for.</summary>
    public IEnumerable<PublishObject> ObjectsFor(PreparedAsset asset)
    {
        var location = options.Storage.Location;
        if (!asset.Fingerprinted)
        {
            yield return Create(StorageNames.ToKey(location, asset.FinalPath), asset, PublishedObjectKind.KeptName, options.UnfingerprintedCacheControl);
            yield break;
        }

        yield return Create(StorageNames.ToKey(location, asset.FinalPath), asset, PublishedObjectKind.Fingerprinted, options.CacheControl);
        if (options.OriginalNames)
        {
            yield return Create(StorageNames.ToKey(location, asset.Source.LogicalPath), asset, PublishedObjectKind.OriginalName, options.UnfingerprintedCacheControl);
        }
    }

    /// <summary>
    /// The reuse rule for <see cref="Preparing.AssetPreparer"/>, for an asset whose bytes and type equal what the previous
    /// release stored. If it stored them gzipped, and that release proves every object of the asset is in place, the
    /// asset keeps the recorded size without being compressed again. If it stored them as is because their gzip saved
    /// too little, and that recorded gzip size still saves too little under this publish's threshold, the asset stays
    /// as is without being compressed again to find out.
    /// </summary>
    public Func<PreparedAsset, PreparedAsset?> ReuseGzip(BucketState state) => candidate =>
    {
        var path = candidate.Source.LogicalPath;
        if (state.Previous?.Record is not { } record
            || record.Assets.GetValueOrDefault(path) is not { } entry
            || entry.Integrity != candidate.Integrity
            || entry.ContentType != candidate.ContentType)
        {
            return null;
        }

        if (entry.ContentEncoding is null)
        {
            return entry.Size == candidate.Size
                && record.GzipDeclined is { } declinedSizes
                && declinedSizes.TryGetValue(path, out var declined)
                && !Preparing.AssetPreparer.GzipSaves(declined, candidate.Size, options)
                ? candidate with { DeclinedGzipSize = declined }
                : null;
        }

        // A stored gzip that no longer saves enough under this publish's threshold is made again, and declined.
        if (entry.ContentEncoding != "gzip" || !Preparing.AssetPreparer.GzipSaves(entry.Size, candidate.Size, options))
        {
            return null;
        }

        var reused = candidate with { ContentEncoding = "gzip", Size = entry.Size, GzipOnUpload = true };
        try
        {
            return ObjectsFor(reused).All(state.IsProven) ? reused : null;
        }
        catch (StaticPublishException)
        {
            // An invalid key is reported once, outside the parallel preparation, when the objects are listed.
            return null;
        }
    };

    /// <summary>Decides every object, in key order; HEADs only the objects the previous release does not prove.</summary>
    public async Task<IReadOnlyList<PlannedObject>> DecideAsync(
        IReadOnlyList<PublishObject> objects, BucketState state, S3ObjectStore store, CancellationToken cancellationToken)
    {
        var decided = new PlannedObject?[objects.Count];
        var unproven = new List<int>();
        var previous = state.Previous?.Record.Objects;
        for (var i = 0; i < objects.Count; i++)
        {
            var candidate = objects[i];
            if (state.IsProven(candidate))
            {
                decided[i] = new PlannedObject(candidate, PlannedActionKind.Skip, "unchanged");
            }
            else if (!state.Listed.TryGetValue(candidate.Key, out var listed))
            {
                decided[i] = new PlannedObject(candidate, PlannedActionKind.Upload, "new");
            }
            else if (previous?.GetValueOrDefault(candidate.Key) is { } recorded && recorded != candidate.State)
            {
                decided[i] = new PlannedObject(candidate, PlannedActionKind.Upload, ObjectState.Difference(recorded, candidate.State));
            }
            else if (listed.Size != candidate.Size)
            {
                decided[i] = new PlannedObject(candidate, PlannedActionKind.Upload, "content changed");
            }
            else
            {
                unproven.Add(i);
            }
        }

        var checkedStates = new ConcurrentDictionary<int, string?>();
        await Parallel.ForEachAsync(unproven, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var head = await store.HeadOrNullAsync(objects[index].Key, token).ConfigureAwait(false);
                checkedStates[index] = head?.Metadata[ObjectState.MetadataName];
            }).ConfigureAwait(false);
        foreach (var index in unproven)
        {
            var candidate = objects[index];
            decided[index] = checkedStates[index] == candidate.State
                ? new PlannedObject(candidate, PlannedActionKind.Skip, "unchanged (checked)")
                : new PlannedObject(candidate, PlannedActionKind.Upload, checkedStates[index] is null ? "not written by StaticPublish" : "changed in the bucket");
        }

        return decided!;
    }

    /// <summary>
    /// The object's headers: the settings' (<see cref="S3StorageOptions.ObjectParameters"/>: encryption, storage class),
    /// with what the asset's rule sets on top; its state covers them all, so a header-only change re-uploads it. Objects
    /// with the same type, encoding, Cache-Control and rule share one headers instance (tens of thousands of objects
    /// have a handful of distinct ones); the state is added per object only when it is uploaded.
    /// </summary>
    private PublishObject Create(string key, PreparedAsset asset, PublishedObjectKind kind, string cacheControl)
    {
        var (headers, digest) = _headers.GetOrAdd(new HeadersKey(asset.ContentType, asset.ContentEncoding, cacheControl, asset.Rule), MakeHeaders);
        return new PublishObject(key, asset, kind, headers, ObjectState.Compute(asset.Integrity, asset.ContentEncoding, digest));
    }

    /// <summary>Shared headers, and the digest of them that every state of an object with them ends with.</summary>
    private (S3ObjectHeaders Headers, string Digest) MakeHeaders(HeadersKey key)
    {
        var rule = key.Rule;
        var defaults = options.Storage.ObjectParameters;
        var headers = S3ObjectHeaders.From(defaults, key.ContentType, key.ContentEncoding, options.Storage.DefaultAcl) with
        {
            CacheControl = rule?.CacheControl ?? key.CacheControl,
            ContentDisposition = rule?.ContentDisposition ?? defaults.ContentDisposition,
            StorageClass = rule?.StorageClass ?? defaults.StorageClass,
            Metadata = rule is null ? defaults.Metadata : Merge(defaults.Metadata, rule.Metadata),
            Tagging = rule is null ? defaults.Tagging : Merge(defaults.Tagging, rule.Tags),
        };
        return (headers, ObjectState.HeadersDigest(headers));
    }

    /// <summary>What an object's headers depend on; the rule by reference.</summary>
    private readonly record struct HeadersKey(string ContentType, string? ContentEncoding, string CacheControl, Rules.PublishRule? Rule)
    {
        public bool Equals(HeadersKey other) =>
            ContentType == other.ContentType && ContentEncoding == other.ContentEncoding && CacheControl == other.CacheControl && ReferenceEquals(Rule, other.Rule);

        public override int GetHashCode() => HashCode.Combine(ContentType, ContentEncoding, CacheControl, Rule is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Rule));
    }

    private readonly ConcurrentDictionary<HeadersKey, (S3ObjectHeaders Headers, string Digest)> _headers = new();

    /// <summary>The headers an object is written with: its shared headers plus its own state as metadata.</summary>
    public static S3ObjectHeaders StoredHeaders(PublishObject item) =>
        item.Headers with { Metadata = Merge(item.Headers.Metadata, new Dictionary<string, string> { [ObjectState.MetadataName] = item.State }) };

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> first, IReadOnlyDictionary<string, string> then)
    {
        var merged = new Dictionary<string, string>(first, StringComparer.Ordinal);
        foreach (var (name, value) in then)
        {
            merged[name] = value;
        }

        return merged;
    }
}

/// <summary>The planner's decision for one object.</summary>
internal sealed record PlannedObject(PublishObject Object, PlannedActionKind Kind, string Reason)
{
    public PlannedAction ToAction() =>
        new(Kind, Object.Key, Object.Size, Reason, Object.Asset.Source.LogicalPath) { ObjectKind = Object.Kind, Rule = Object.Asset.Rule?.Name };
}
