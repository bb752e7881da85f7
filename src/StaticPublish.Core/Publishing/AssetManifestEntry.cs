using System.Text.Json.Serialization;

namespace StaticPublish.Core.Publishing;

/// <summary>One published asset in <see cref="AssetManifest"/>.</summary>
public sealed record AssetManifestEntry
{
    /// <summary>The object key, prefix included.</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>The URL path relative to the manifest's base URL, percent-encoded and ready to append.</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>The stored object's size in bytes (compressed when <see cref="ContentEncoding"/> is gzip).</summary>
    [JsonPropertyName("size")]
    public required long Size { get; init; }

    /// <summary>The object's Content-Type.</summary>
    [JsonPropertyName("contentType")]
    [JsonConverter(typeof(SharedStringConverter))]
    public required string ContentType { get; init; }

    /// <summary><c>gzip</c>, or <see langword="null"/> when stored as is.</summary>
    [JsonPropertyName("contentEncoding")]
    [JsonConverter(typeof(SharedStringConverter))]
    public string? ContentEncoding { get; init; }

    /// <summary>The object's Cache-Control.</summary>
    [JsonPropertyName("cacheControl")]
    [JsonConverter(typeof(SharedStringConverter))]
    public required string CacheControl { get; init; }

    /// <summary>SRI <c>sha256-...</c> of the bytes a browser gets after decoding.</summary>
    [JsonPropertyName("integrity")]
    public required string Integrity { get; init; }

    /// <summary>Whether the key carries a content fingerprint (and so never changes content).</summary>
    [JsonPropertyName("fingerprinted")]
    public required bool Fingerprinted { get; init; }

    /// <summary>
    /// The copy stored under the asset's original name (same bytes, type and encoding), for libraries that load their
    /// files by name at run time; null when original names are off or the name is kept anyway.
    /// </summary>
    [JsonPropertyName("original")]
    public AssetManifestOriginal? Original { get; init; }
}

/// <summary>Where <see cref="AssetManifestEntry.Original"/> is stored, and with which Cache-Control.</summary>
/// <param name="Key">The object key, prefix included.</param>
/// <param name="CacheControl">Its Cache-Control: short and revalidating, because the bytes under it change.</param>
public sealed record AssetManifestOriginal(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("cacheControl"), JsonConverter(typeof(SharedStringConverter))] string CacheControl);
