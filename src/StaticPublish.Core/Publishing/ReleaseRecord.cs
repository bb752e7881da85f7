using System.Text.Json.Serialization;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// What one publish put in the bucket, stored as its own object under
/// <c>{prefix}/_staticpublish/apps/{app}/releases/</c>: the manifest, and every object the release relies on with
/// the state it was stored in. Records are written once and never changed, so concurrent publishes never lose each
/// other's history; the planner trusts the newest one, and prune keeps what the newest N reference.
/// </summary>
internal sealed record ReleaseRecord
{
    /// <summary>The record format version this code writes.</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("app")]
    public required string App { get; init; }

    [JsonPropertyName("release")]
    public required string Release { get; init; }

    [JsonPropertyName("publishedAt")]
    public required DateTimeOffset PublishedAt { get; init; }

    [JsonPropertyName("manifest")]
    public required AssetManifest Manifest { get; init; }

    /// <summary>Every object of the release (fingerprinted, original-name and kept-name) by key, with its <see cref="ObjectState"/>.</summary>
    [JsonPropertyName("objects")]
    public required SortedDictionary<string, string> Objects { get; init; }

    /// <summary>
    /// Per logical path, the gzip size of each asset whose type is gzipped but whose gzip saved too little, so it is
    /// stored as is. A later publish of the same bytes compares that size with its own threshold instead of compressing
    /// them again to find out. Absent when there are none (and in records of earlier versions).
    /// </summary>
    [JsonPropertyName("gzipDeclined")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, long>? GzipDeclined { get; init; }
}
