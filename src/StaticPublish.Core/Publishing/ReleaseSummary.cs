using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// What a publish and prune use of a release record: its release id and base URL, every object it relies on with its
/// state, and, per asset, what the gzip reuse compares (stored size, type, encoding, integrity). Read from the record's
/// JSON as it streams in, without the manifest's keys, paths and Cache-Controls, which neither needs: for tens of
/// thousands of assets that is tens of MB less held for the whole publish. The record is checked as completely as a
/// full read checks it (the record's required members and <see cref="AssetManifestReader.Problem"/>), so a damaged
/// record is refused the same way.
/// </summary>
/// <param name="Release">The release id.</param>
/// <param name="BaseUrl">The manifest's base URL.</param>
/// <param name="Assets">Per logical path, what was stored.</param>
/// <param name="Objects">Every object of the release by key, with its <see cref="ObjectState"/>.</param>
/// <param name="GzipDeclined">Per logical path, the gzip size of an asset stored as is because its gzip saved too little (<see cref="ReleaseRecord.GzipDeclined"/>).</param>
internal sealed record ReleaseSummary(
    string Release, string BaseUrl, IReadOnlyDictionary<string, StoredAsset> Assets, IReadOnlyDictionary<string, string> Objects,
    IReadOnlyDictionary<string, long>? GzipDeclined = null)
{
    /// <summary>The summary of a record this run made (its objects shared, not copied).</summary>
    public static ReleaseSummary From(ReleaseRecord record) => new(
        record.Release,
        record.Manifest.BaseUrl,
        new StoredAssetsView(record.Manifest.Assets),
        record.Objects,
        record.GzipDeclined);

    /// <summary>A manifest's entries seen as <see cref="StoredAsset"/>s, made on access instead of copied.</summary>
    private sealed class StoredAssetsView(SortedDictionary<string, AssetManifestEntry> entries) : IReadOnlyDictionary<string, StoredAsset>
    {
        public int Count => entries.Count;

        public IEnumerable<string> Keys => entries.Keys;

        public IEnumerable<StoredAsset> Values => entries.Values.Select(Stored);

        public StoredAsset this[string key] => Stored(entries[key]);

        public bool ContainsKey(string key) => entries.ContainsKey(key);

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out StoredAsset value)
        {
            value = entries.TryGetValue(key, out var entry) ? Stored(entry) : null;
            return value is not null;
        }

        public IEnumerator<KeyValuePair<string, StoredAsset>> GetEnumerator() =>
            entries.Select(e => KeyValuePair.Create(e.Key, Stored(e.Value))).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private static StoredAsset Stored(AssetManifestEntry entry) => new(entry.Size, entry.ContentType, entry.ContentEncoding, entry.Integrity, Complete: true);
    }

    /// <summary>The summary of parsed JSON, or what makes the record unusable.</summary>
    internal static (ReleaseSummary? Summary, string? Problem) From(ReleaseSummaryJson? json)
    {
        if (json?.Objects is null || string.IsNullOrEmpty(json.Release) || json.Objects.Values.Any(string.IsNullOrEmpty))
        {
            return (null, "it has no release or objects, or an object without its state");
        }

        if (json.App is null || json.PublishedAt is null)
        {
            return (null, "it has no app or publication time");
        }

        var manifest = json.Manifest;
        if (manifest?.Assets is null || string.IsNullOrEmpty(manifest.Release) || manifest.BaseUrl is null)
        {
            return (null, "it has no release, base URL or assets");
        }

        foreach (var (path, asset) in manifest.Assets)
        {
            if (asset is not { Complete: true })
            {
                return (null, $"the entry for '{path}' lacks its key, path, content type, Cache-Control, size or integrity");
            }
        }

        return json.Version == ReleaseRecord.CurrentVersion
            ? (new ReleaseSummary(json.Release, manifest.BaseUrl, manifest.Assets!, json.Objects, json.GzipDeclined), null)
            : (null, $"it has format version {json.Version}, and this StaticPublish reads version {ReleaseRecord.CurrentVersion}");
    }
}

/// <summary>One asset of a <see cref="ReleaseSummary"/>.</summary>
/// <param name="Size">The stored size.</param>
/// <param name="ContentType">The stored Content-Type.</param>
/// <param name="ContentEncoding"><c>gzip</c> or null.</param>
/// <param name="Integrity">SRI of the decoded bytes.</param>
/// <param name="Complete">Whether the record's entry had everything a manifest entry needs (key, path, Cache-Control included).</param>
[JsonConverter(typeof(StoredAssetConverter))]
internal sealed record StoredAsset(long Size, string ContentType, string? ContentEncoding, string Integrity, bool Complete);

/// <summary>The record's JSON as a <see cref="ReleaseSummary"/> reads it; everything else in it is skipped.</summary>
internal sealed class ReleaseSummaryJson
{
    // A record without a version is read as the current one (settable: the source generator sets init-only members
    // it does not find to their default, 0).
    [JsonPropertyName("version")]
    public int Version { get; set; } = ReleaseRecord.CurrentVersion;

    [JsonPropertyName("app")]
    public string? App { get; init; }

    [JsonPropertyName("release")]
    public string? Release { get; init; }

    [JsonPropertyName("publishedAt")]
    public DateTimeOffset? PublishedAt { get; init; }

    [JsonPropertyName("manifest")]
    public ManifestSummaryJson? Manifest { get; init; }

    [JsonPropertyName("objects")]
    public Dictionary<string, string>? Objects { get; init; }

    [JsonPropertyName("gzipDeclined")]
    public Dictionary<string, long>? GzipDeclined { get; init; }
}

/// <summary>The record's manifest as a <see cref="ReleaseSummary"/> reads it.</summary>
internal sealed class ManifestSummaryJson
{
    [JsonPropertyName("release")]
    public string? Release { get; init; }

    [JsonPropertyName("baseUrl")]
    public string? BaseUrl { get; init; }

    [JsonPropertyName("assets")]
    public Dictionary<string, StoredAsset?>? Assets { get; init; }
}

/// <summary>
/// Reads a manifest entry into a <see cref="StoredAsset"/>: the size, type, encoding and integrity as values, the key,
/// path, Cache-Control and original name only checked for presence (as <see cref="AssetManifestReader.Problem"/> checks
/// them), never made into strings.
/// </summary>
internal sealed class StoredAssetConverter : JsonConverter<StoredAsset>
{
    public override StoredAsset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a manifest entry is not an object");
        }

        long size = -1;
        string? contentType = null, contentEncoding = null, integrity = null;
        bool key = false, path = false, cacheControl = false, original = true, fingerprinted = false, encoding = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Names are compared as UTF-8, so reading tens of thousands of entries makes no string per property.
            if (reader.ValueTextEquals("size"u8))
            {
                reader.Read();
                size = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : -1;
            }
            else if (reader.ValueTextEquals("contentType"u8))
            {
                contentType = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals("contentEncoding"u8))
            {
                contentEncoding = ReadText(ref reader);
                encoding = contentEncoding is not null || reader.TokenType == JsonTokenType.Null;
            }
            else if (reader.ValueTextEquals("fingerprinted"u8))
            {
                reader.Read();
                fingerprinted = reader.TokenType is JsonTokenType.True or JsonTokenType.False;
            }
            else if (reader.ValueTextEquals("integrity"u8))
            {
                reader.Read();
                integrity = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("key"u8))
            {
                reader.Read();
                key = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
            }
            else if (reader.ValueTextEquals("path"u8))
            {
                reader.Read();
                path = reader.TokenType == JsonTokenType.String;
            }
            else if (reader.ValueTextEquals("cacheControl"u8))
            {
                reader.Read();
                cacheControl = reader.TokenType == JsonTokenType.String;
            }
            else if (reader.ValueTextEquals("original"u8))
            {
                reader.Read();
                original = reader.TokenType == JsonTokenType.Null || IsCompleteOriginal(ref reader);
            }
            else
            {
                reader.Read();
            }

            // A value of an unexpected kind (an object or array where text was due) is passed over whole.
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                Skip(ref reader);
            }
        }

        var complete = key && path && cacheControl && original && fingerprinted && encoding && size >= 0
            && !string.IsNullOrEmpty(contentType) && !string.IsNullOrEmpty(integrity);
        return new StoredAsset(size, contentType ?? "", contentEncoding, integrity ?? "", complete);
    }

    /// <summary>Reads a text value as a shared string; null for anything else.</summary>
    private static string? ReadText(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? SharedStringConverter.ReadShared(ref reader) : null;
    }

    public override void Write(Utf8JsonWriter writer, StoredAsset value, JsonSerializerOptions options) =>
        throw new NotSupportedException("A release summary is only read.");

    private static void Skip(ref Utf8JsonReader reader) => StreamedJson.Skip(ref reader, "a manifest entry ends early");

    /// <summary>Whether an original name's object has its key and Cache-Control; leaves the reader at its end.</summary>
    private static bool IsCompleteOriginal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Skip(ref reader);
            return false;
        }

        bool key = false, cacheControl = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isKey = reader.ValueTextEquals("key"u8);
            var isCacheControl = reader.ValueTextEquals("cacheControl"u8);
            reader.Read();
            // The last of duplicate names counts, as in a full read.
            if (isKey)
            {
                key = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
            }
            else if (isCacheControl)
            {
                cacheControl = reader.TokenType == JsonTokenType.String;
            }

            Skip(ref reader);
        }

        return key && cacheControl;
    }
}
