using System.Text.Json.Serialization;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// <c>staticpublish.manifest.json</c>: what a publish put in the bucket, keyed by logical path (relative to wwwroot,
/// forward slashes). A public contract read by the runtime and by other tools; sorted and byte-identical when
/// nothing changed.
/// </summary>
public sealed record AssetManifest
{
    /// <summary>The manifest format version this code writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The file name written into the publish output.</summary>
    public const string FileName = "staticpublish.manifest.json";

    /// <summary>The format version (1).</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>An id derived from the published content: an unchanged publish keeps the same id.</summary>
    [JsonPropertyName("release")]
    public required string Release { get; init; }

    /// <summary>The CDN or custom-domain base URL that <see cref="AssetManifestEntry.Path"/> is relative to.</summary>
    [JsonPropertyName("baseUrl")]
    public required string BaseUrl { get; init; }

    /// <summary>The assets by logical path, in ordinal order.</summary>
    [JsonPropertyName("assets")]
    public required SortedDictionary<string, AssetManifestEntry> Assets { get; init; }
}
