namespace StaticPublish.Core.Publishing;

/// <summary>What a publish does (or would do, in a dry run) with one object.</summary>
public enum PlannedActionKind
{
    /// <summary>Upload: the object is missing, or its content or headers changed.</summary>
    Upload,

    /// <summary>Leave it: the bucket already holds these bytes with these headers.</summary>
    Skip,

    /// <summary>Delete it (prune).</summary>
    Delete,
}

/// <summary>Which name of an asset an object is stored under, or which of StaticPublish's own objects it is.</summary>
public enum PublishedObjectKind
{
    /// <summary>The content-fingerprinted name the manifest points at (<c>css/site.3f2a1b9c0d.css</c>), cached as immutable.</summary>
    Fingerprinted,

    /// <summary>The original name of a fingerprinted asset (<c>css/site.css</c>), for libraries that load files by name; short, revalidating Cache-Control.</summary>
    OriginalName,

    /// <summary>An asset that keeps its name instead of being fingerprinted (<c>StaticPublishKeepNamePatterns</c>).</summary>
    KeptName,

    /// <summary>A release record under <c>_staticpublish/</c>.</summary>
    ReleaseRecord,
}

/// <summary>One line of a publish plan.</summary>
/// <param name="Kind">Upload, skip or delete.</param>
/// <param name="Key">The object key.</param>
/// <param name="Size">The object's size in bytes.</param>
/// <param name="Reason">Why, e.g. <c>new</c>, <c>content changed</c>, <c>headers changed</c>, <c>unchanged</c>.</param>
/// <param name="LogicalPath">The asset's logical path, or null for StaticPublish's own objects and deletions.</param>
public sealed record PlannedAction(PlannedActionKind Kind, string Key, long Size, string Reason, string? LogicalPath)
{
    /// <summary>Which name of the asset, or which own object, this is; null for deletions.</summary>
    public PublishedObjectKind? ObjectKind { get; init; }

    /// <summary>The publish rule the asset matched (see <see cref="Rules.PublishRule.Name"/>), or null when none did.</summary>
    public string? Rule { get; init; }
}
