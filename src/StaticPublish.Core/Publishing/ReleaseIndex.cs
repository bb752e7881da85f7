using System.Text.Json.Serialization;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// <c>_staticpublish/releases.json</c> in the bucket: the releases published under a prefix, newest first. Prune keeps
/// what the first N reference; the planner reads the newest to know what is already in the bucket.
/// </summary>
public sealed record ReleaseIndex
{
    /// <summary>The releases, newest first; a re-published release moves to the front.</summary>
    [JsonPropertyName("releases")]
    public List<ReleaseIndexEntry> Releases { get; init; } = [];
}

/// <summary>One release in <see cref="ReleaseIndex"/>.</summary>
/// <param name="Release">The release id.</param>
/// <param name="PublishedAt">When it was (last) published, UTC.</param>
/// <param name="Acl">The canned ACL its objects were written with, which the manifest does not record.</param>
public sealed record ReleaseIndexEntry(
    [property: JsonPropertyName("release")] string Release,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset PublishedAt,
    [property: JsonPropertyName("acl")] string? Acl = null);
