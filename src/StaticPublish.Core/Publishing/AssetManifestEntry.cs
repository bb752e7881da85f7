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
    public required string ContentType { get; init; }

    /// <summary><c>gzip</c>, or <see langword="null"/> when stored as is.</summary>
    [JsonPropertyName("contentEncoding")]
    public string? ContentEncoding { get; init; }

    /// <summary>The object's Cache-Control.</summary>
    [JsonPropertyName("cacheControl")]
    public required string CacheControl { get; init; }

    /// <summary>SRI <c>sha384-...</c> of the bytes a browser gets after decoding.</summary>
    [JsonPropertyName("integrity")]
    public required string Integrity { get; init; }

    /// <summary>Whether the key carries a content fingerprint (and so never changes content).</summary>
    [JsonPropertyName("fingerprinted")]
    public required bool Fingerprinted { get; init; }
}
