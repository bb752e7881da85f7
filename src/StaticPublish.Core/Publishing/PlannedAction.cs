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

/// <summary>One line of a publish plan.</summary>
/// <param name="Kind">Upload, skip or delete.</param>
/// <param name="Key">The object key.</param>
/// <param name="Size">The object's size in bytes.</param>
/// <param name="Reason">Why, e.g. <c>new</c>, <c>content changed</c>, <c>headers changed</c>, <c>unchanged</c>.</param>
/// <param name="LogicalPath">The asset's logical path, or null for StaticPublish's own objects and deletions.</param>
public sealed record PlannedAction(PlannedActionKind Kind, string Key, long Size, string Reason, string? LogicalPath);
