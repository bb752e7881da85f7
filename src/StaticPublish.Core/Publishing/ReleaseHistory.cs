using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// The release records under a prefix: <c>{prefix}/_staticpublish/apps/{app}/releases/{yyyyMMddTHHmmssfffZ}-{release}.json</c>.
/// They are found in the same paged LIST the planner reads anyway and ordered by the store's own clock
/// (LastModified), so no index object is read, modified and written back.
/// </summary>
internal sealed partial class ReleaseHistory(S3ObjectStore store)
{
    /// <summary>The folder, under the prefix, that StaticPublish keeps its own objects in.</summary>
    public const string Folder = "_staticpublish";

    public const string DefaultAppName = "default";

    /// <summary>The key prefix that covers everything under the storage location.</summary>
    public string LocationPrefix => string.IsNullOrEmpty(store.Options.NormalizedLocation) ? "" : store.Options.NormalizedLocation + "/";

    /// <summary>Where StaticPublish's own objects start; assets may not be published there.</summary>
    public string OwnPrefix => LocationPrefix + Folder + "/";

    public static bool IsValidAppName(string name) => AppNamePattern().IsMatch(name);

    /// <summary>Makes a name usable as an app name: unsupported characters become '-'; empty becomes <see cref="DefaultAppName"/>.</summary>
    public static string ToAppName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var cleaned = UnsupportedAppNameCharacters().Replace(name.Trim(), "-").Trim('-');
        return cleaned.Length == 0 ? DefaultAppName : cleaned.Length > 100 ? cleaned[..100] : cleaned;
    }

    public string KeyFor(string app, DateTimeOffset publishedAt, string release) =>
        $"{OwnPrefix}apps/{app}/releases/{publishedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{release}.json";

    /// <summary>Every release record in a listing, newest first by the store's clock, grouped by nothing: callers filter by app.</summary>
    public IReadOnlyList<ReleaseReference> FromListing(IEnumerable<S3ListedObject> listed)
    {
        var found = new List<ReleaseReference>();
        var appsPrefix = OwnPrefix + "apps/";
        foreach (var item in listed)
        {
            if (!item.Key.StartsWith(appsPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var match = RecordKey().Match(item.Key, appsPrefix.Length);
            if (match.Success && match.Index == appsPrefix.Length)
            {
                found.Add(new ReleaseReference(item.Key, match.Groups["app"].Value, match.Groups["release"].Value, item.LastModified));
            }
        }

        // The key starts with the publishing machine's timestamp, which breaks ties within the store's one-second clock.
        found.Sort((a, b) => b.LastModified.CompareTo(a.LastModified) is var byTime and not 0 ? byTime : string.CompareOrdinal(b.Key, a.Key));
        return found;
    }

    /// <summary>
    /// Reads what a publish and prune use of a record (<see cref="ReleaseSummary"/>); null when it is gone (deleted
    /// since the LIST). A corrupt record is a <c>SPUB2005</c> naming it.
    /// </summary>
    public async Task<ReleaseSummary?> ReadAsync(ReleaseReference reference, CancellationToken cancellationToken)
    {
        var (found, json) = await ReadJsonAsync(reference, ManifestJsonContext.Default.ReleaseSummaryJson, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return null;
        }

        var (summary, problem) = ReleaseSummary.From(json);
        return summary ?? throw Corrupt(reference, problem!, null);
    }

    /// <summary>Reads a whole record, the manifest's keys and paths included; null when it is gone. A corrupt record is a <c>SPUB2005</c>.</summary>
    public async Task<ReleaseRecord?> ReadRecordAsync(ReleaseReference reference, CancellationToken cancellationToken)
    {
        var (found, record) = await ReadJsonAsync(reference, ManifestJsonContext.Default.ReleaseRecord, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return null;
        }

        if (record is null || record.Objects is null || string.IsNullOrEmpty(record.Release) || record.Objects.Values.Any(string.IsNullOrEmpty))
        {
            throw Corrupt(reference, "it has no release or objects, or an object without its state", null);
        }

        if (AssetManifestReader.Problem(record.Manifest) is { } problem)
        {
            throw Corrupt(reference, problem, null);
        }

        return record.Version == ReleaseRecord.CurrentVersion
            ? record
            : throw Corrupt(reference, $"it has format version {record.Version}, and this StaticPublish reads version {ReleaseRecord.CurrentVersion}", null);
    }

    /// <summary>Parses a record as it streams in (tens of thousands of assets are tens of MB, not worth holding as bytes); not found when it is gone.</summary>
    private async Task<(bool Found, T? Value)> ReadJsonAsync<T>(ReleaseReference reference, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            var value = await store.ReadAsync(reference.Key, async response =>
            {
                try
                {
                    return await JsonSerializer.DeserializeAsync(response.ResponseStream, type, cancellationToken).ConfigureAwait(false);
                }
                catch (JsonException e)
                {
                    throw Corrupt(reference, e.Message, e);
                }
            }, cancellationToken).ConfigureAwait(false);
            return (true, value);
        }
        catch (StaticPublishException e) when (e.Code == ErrorCodes.ObjectNotFound)
        {
            return (false, default);
        }
    }

    /// <summary>Writes a record from the file <see cref="Serialize(ReleaseRecord, Stream)"/> wrote it to.</summary>
    public Task WriteFromFileAsync(string key, string serializedRecordFile, CancellationToken cancellationToken) =>
        WriteAsync(key, UploadPayload.FromFile(serializedRecordFile), cancellationToken);

    private async Task WriteAsync(string key, UploadPayload ownedPayload, CancellationToken cancellationToken)
    {
        using var payload = ownedPayload;
        // Encrypted as the assets are, so a bucket that requires encryption takes the record too.
        var encryption = store.Options.ObjectParameters;
        var headers = new S3ObjectHeaders
        {
            ContentType = "application/json",
            CacheControl = "no-cache",
            ServerSideEncryption = encryption.ServerSideEncryption,
            KmsKeyId = encryption.KmsKeyId,
        };
        await store.PutAsync(key, payload, headers, cancellationToken).ConfigureAwait(false);
    }

    public static byte[] Serialize(ReleaseRecord record) =>
        JsonSerializer.SerializeToUtf8Bytes(record, ManifestJsonContext.Writer.ReleaseRecord);

    /// <summary>The same bytes as <see cref="Serialize(ReleaseRecord)"/>, streamed to <paramref name="target"/>.</summary>
    public static void Serialize(ReleaseRecord record, Stream target) =>
        JsonSerializer.Serialize(target, record, ManifestJsonContext.Writer.ReleaseRecord);

    private StaticPublishException Corrupt(ReleaseReference reference, string problem, Exception? inner) =>
        new(ErrorCodes.ManifestUnreadable,
            $"The release record '{reference.Key}' in bucket '{store.Bucket}' is not readable: {problem}. Delete it if it was not written by StaticPublish; its release then no longer protects any object from prune.",
            inner)
        { Bucket = store.Bucket, Key = reference.Key };

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex AppNamePattern();

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex UnsupportedAppNameCharacters();

    [GeneratedRegex(@"(?<app>[A-Za-z0-9._-]{1,100})/releases/[0-9]{8}T[0-9]{9}Z-(?<release>[0-9a-f]{1,64})\.json$")]
    private static partial Regex RecordKey();
}

/// <summary>A release record found in a listing.</summary>
/// <param name="Key">The record's object key.</param>
/// <param name="App">The app it belongs to.</param>
/// <param name="Release">The release id.</param>
/// <param name="LastModified">When the store wrote it, by the store's clock.</param>
internal sealed record ReleaseReference(string Key, string App, string Release, DateTimeOffset LastModified);
