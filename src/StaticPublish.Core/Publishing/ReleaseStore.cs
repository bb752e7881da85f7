using System.Text.Json;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// StaticPublish's own objects under the prefix: <c>_staticpublish/releases/{release}.json</c> (a copy of each
/// release's manifest) and <c>_staticpublish/releases.json</c> (the release index, newest first).
/// </summary>
internal sealed class ReleaseStore(S3Storage storage)
{
    public const string Folder = "_staticpublish";

    public string IndexKey => storage.GetKey(Folder + "/releases.json");

    public string ManifestKey(string release) => storage.GetKey($"{Folder}/releases/{release}.json");

    public bool IsOwnKey(string key) => key.StartsWith(LocationPrefix + Folder + "/", StringComparison.Ordinal);

    /// <summary>The key prefix that covers everything under the storage location.</summary>
    public string LocationPrefix => string.IsNullOrEmpty(storage.Options.NormalizedLocation) ? "" : storage.Options.NormalizedLocation + "/";

    public async Task<ReleaseIndex> ReadIndexAsync(bool exists, CancellationToken cancellationToken)
    {
        if (!exists)
        {
            return new ReleaseIndex();
        }

        var bytes = await storage.GetBytesOrNullAsync(IndexKey, cancellationToken).ConfigureAwait(false);
        return bytes is null ? new ReleaseIndex() : Parse(bytes, IndexKey, ManifestJsonContext.Default.ReleaseIndex);
    }

    public async Task<(AssetManifest? Manifest, byte[]? Bytes)> ReadManifestAsync(string release, CancellationToken cancellationToken)
    {
        var key = ManifestKey(release);
        var bytes = await storage.GetBytesOrNullAsync(key, cancellationToken).ConfigureAwait(false);
        return bytes is null ? (null, null) : (Parse(bytes, key, ManifestJsonContext.Default.AssetManifest), bytes);
    }

    public static byte[] Serialize(AssetManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Writer.AssetManifest);

    public static byte[] Serialize(ReleaseIndex index) =>
        JsonSerializer.SerializeToUtf8Bytes(index, ManifestJsonContext.Writer.ReleaseIndex);

    public static S3ObjectHeaders JsonHeaders(string cacheControl) => new() { ContentType = "application/json", CacheControl = cacheControl };

    private T Parse<T>(byte[] bytes, string key, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? throw new JsonException("the document is empty");
        }
        catch (JsonException e)
        {
            throw new StaticPublishException(ErrorCodes.ManifestUnreadable,
                $"'{key}' in bucket '{storage.Options.BucketName}' is not a StaticPublish manifest ({e.Message}). Delete it, or publish under another prefix.", e)
            { Bucket = storage.Options.BucketName, Key = key };
        }
    }
}
