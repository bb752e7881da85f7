using System.Security.Cryptography;
using System.Text;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// The release a publish is about to record, built once from the prepared assets and their objects: the manifest
/// (local and in the record), its release id, the record, and whether the app's newest record already says the same.
/// </summary>
internal sealed record ReleaseDraft(AssetManifest Manifest, ReleaseRecord Record, string RecordKey, bool IsNew)
{
    public static ReleaseDraft Build(
        IReadOnlyList<PreparedAsset> prepared, IReadOnlyList<PublishObject> objects, StaticPublishOptions options, string defaultBaseUrl,
        ReleaseHistory history, (ReleaseReference Reference, ReleaseSummary Record)? previous)
    {
        var originals = objects.Where(o => o.Kind == PublishedObjectKind.OriginalName)
            .ToDictionary(o => o.Asset.Source.LogicalPath, o => new AssetManifestOriginal(o.Key, o.Headers.CacheControl!), StringComparer.Ordinal);
        // The asset's own object (fingerprinted or kept name): its key string is the manifest's too, not a copy.
        var stored = objects.Where(o => o.Kind != PublishedObjectKind.OriginalName)
            .ToDictionary(o => o.Asset.Source.LogicalPath, StringComparer.Ordinal);
        var assets = new SortedDictionary<string, AssetManifestEntry>(StringComparer.Ordinal);
        foreach (var asset in prepared)
        {
            var own = stored[asset.Source.LogicalPath];
            assets.Add(asset.Source.LogicalPath, new AssetManifestEntry
            {
                Key = own.Key,
                Path = S3UrlBuilder.EncodeKey(asset.FinalPath),
                Size = asset.Size,
                ContentType = asset.ContentType,
                ContentEncoding = asset.ContentEncoding,
                CacheControl = own.Headers.CacheControl!,
                Integrity = asset.Integrity,
                Fingerprinted = asset.Fingerprinted,
                Original = originals.GetValueOrDefault(asset.Source.LogicalPath),
            });
        }

        var declined = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var asset in prepared)
        {
            if (asset.DeclinedGzipSize is { } size)
            {
                declined.Add(asset.Source.LogicalPath, size);
            }
        }

        var baseUrl = options.BaseUrl ?? defaultBaseUrl;
        var manifest = new AssetManifest
        {
            Release = ReleaseId(objects, assets),
            BaseUrl = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/",
            Assets = assets,
        };
        var publishedAt = DateTimeOffset.UtcNow;
        var record = new ReleaseRecord
        {
            App = options.EffectiveAppName,
            Release = manifest.Release,
            PublishedAt = publishedAt,
            Manifest = manifest,
            Objects = new SortedDictionary<string, string>(objects.ToDictionary(o => o.Key, o => o.State), StringComparer.Ordinal),
            GzipDeclined = declined.Count > 0 ? declined : null,
        };

        // The newest record already describes this release (and base URL): nothing to record again. A record from before
        // gzipDeclined existed is written once more when there are declined gzips to remember, or every later publish
        // of the same release would compress them again.
        return previous is { } newest && newest.Record.Release == manifest.Release && newest.Record.BaseUrl == manifest.BaseUrl
            && (newest.Record.GzipDeclined is not null || record.GzipDeclined is null)
            ? new ReleaseDraft(manifest, record, newest.Reference.Key, IsNew: false)
            : new ReleaseDraft(manifest, record, history.KeyFor(record.App, publishedAt, manifest.Release), IsNew: true);
    }

    /// <summary>
    /// The record as written to the bucket, serialized once into a file of the publish's work folder (tens of MB for
    /// tens of thousands of assets, which stay out of memory while the objects upload); the path and its length.
    /// </summary>
    public (string Path, long Length) SerializeRecord(string workDirectory)
    {
        if (_serialized is { } done)
        {
            return done;
        }

        var path = System.IO.Path.Combine(workDirectory, "release-record.json");
        try
        {
            using var file = PrivateFiles.Create(path);
            ReleaseHistory.Serialize(Record, file);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        _serialized = (path, new FileInfo(path).Length);
        return _serialized.Value;
    }

    /// <summary>The record's line in a plan.</summary>
    public PlannedAction ActionFor(string workDirectory) => new(IsNew ? PlannedActionKind.Upload : PlannedActionKind.Skip, RecordKey, SerializeRecord(workDirectory).Length,
        IsNew ? "release record" : "unchanged", null) { ObjectKind = PublishedObjectKind.ReleaseRecord };

    private (string Path, long Length)? _serialized;

    /// <summary>Covers what is in the bucket (every object's key, size and state, and which asset it serves), not the base URL.</summary>
    private static string ReleaseId(IReadOnlyList<PublishObject> objects, SortedDictionary<string, AssetManifestEntry> assets)
    {
        // The SHA-256 of these lines in UTF-8, hashed as they are made instead of built into one string first.
        using var identity = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        void Add(StringBuilder text)
        {
            identity.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
            text.Clear();
        }

        foreach (var item in objects)
        {
            Add(line.Append(item.Key).Append('\t').Append(item.Size).Append('\t').Append(item.State).Append('\n'));
        }

        foreach (var (path, entry) in assets)
        {
            Add(line.Append(path).Append('\t').Append(entry.Key).Append('\n'));
        }

        return Convert.ToHexString(identity.GetHashAndReset(), 0, 8).ToLowerInvariant();
    }
}
