namespace StaticPublish.Core.Publishing;

/// <summary>What prune deleted (or, in a dry run, would delete).</summary>
public sealed record PruneResult
{
    /// <summary>The app whose old releases were pruned.</summary>
    public required string App { get; init; }

    /// <summary>The app's newest release, or null when it has none.</summary>
    public string? CurrentRelease { get; init; }

    /// <summary>How many of the app's newest releases were kept.</summary>
    public required int KeptReleases { get; init; }

    /// <summary>The objects deleted (or to delete): assets no kept release references, then the records of the dropped releases.</summary>
    public required IReadOnlyList<PlannedAction> Deletes { get; init; }

    /// <summary>Whether nothing was deleted because this was a dry run.</summary>
    public bool DryRun { get; init; }

    /// <summary>Why nothing was deleted although objects were stale (the max-deletes guard), or null.</summary>
    public string? SkippedReason { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The number of objects deleted (or to delete).</summary>
    public int Deleted => Deletes.Count;

    /// <summary>The bytes deleted (or to delete).</summary>
    public long DeletedBytes => Deletes.Sum(d => d.Size);
}
