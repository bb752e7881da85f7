using System.Globalization;

namespace StaticPublish.Core.Publishing;

/// <summary>What a publish did (or, for a dry run, would do).</summary>
public sealed record PublishResult
{
    /// <summary>The release id.</summary>
    public required string Release { get; init; }

    /// <summary>The manifest that was (or would be) written.</summary>
    public required AssetManifest Manifest { get; init; }

    /// <summary>Every planned upload and skip, assets' objects in key order, then StaticPublish's own record.</summary>
    public required IReadOnlyList<PlannedAction> Actions { get; init; }

    /// <summary>Whether this was a dry run, which wrote nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Where the local manifest was written, or null.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The change made to the bucket's CORS configuration (or, in a dry run, to make), or null when none.</summary>
    public string? CorsChange { get; init; }

    /// <summary>What prune did, when it ran.</summary>
    public PruneResult? Prune { get; init; }

    /// <summary>The number of assets.</summary>
    public int AssetCount => Manifest.Assets.Count;

    /// <summary>The objects the assets are stored as: fingerprinted, original-name and kept-name.</summary>
    public int ObjectCount => AssetActions().Count();

    /// <summary>Asset objects uploaded (or to upload).</summary>
    public int UploadedObjects => AssetActions(PlannedActionKind.Upload).Count();

    /// <summary>Bytes of asset objects uploaded (or to upload).</summary>
    public long UploadedBytes => AssetActions(PlannedActionKind.Upload).Sum(a => a.Size);

    /// <summary>Uploaded objects that are stored gzipped.</summary>
    public int UploadedGzipped => AssetActions(PlannedActionKind.Upload).Count(a => Manifest.Assets[a.LogicalPath!].ContentEncoding == "gzip");

    /// <summary>Asset objects already in place.</summary>
    public int UnchangedObjects => AssetActions(PlannedActionKind.Skip).Count();

    /// <summary>Objects deleted (or to delete) by prune.</summary>
    public int Deleted => Prune?.Deleted ?? 0;

    /// <summary>
    /// The one summary line, e.g. <c>StaticPublish: 4,213 assets in 8,426 objects, 312 uploaded (21.3 MB, 187 gzipped), 8,114 unchanged, 6.2 s</c>.
    /// </summary>
    public string Summary
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            var verb = DryRun ? "to upload" : "uploaded";
            var pruned = Deleted > 0 ? string.Format(c, ", {0:N0} {1}", Deleted, DryRun ? "to delete" : "deleted") : "";
            return string.Format(c, "StaticPublish{0}: {1:N0} assets in {2:N0} objects, {3:N0} {4} ({5}, {6:N0} gzipped), {7:N0} unchanged{8}, {9:0.0} s",
                DryRun ? " (dry run)" : "", AssetCount, ObjectCount, UploadedObjects, verb, FormatBytes(UploadedBytes), UploadedGzipped, UnchangedObjects,
                pruned, Elapsed.TotalSeconds);
        }
    }

    /// <summary>Bytes as B, KB, MB or GB with one decimal.</summary>
    public static string FormatBytes(long bytes)
    {
        var c = CultureInfo.InvariantCulture;
        return bytes switch
        {
            < 1000 => string.Format(c, "{0} B", bytes),
            < 1000 * 1000 => string.Format(c, "{0:0.0} KB", bytes / 1000.0),
            < 1000L * 1000 * 1000 => string.Format(c, "{0:0.0} MB", bytes / 1_000_000.0),
            _ => string.Format(c, "{0:0.0} GB", bytes / 1_000_000_000.0),
        };
    }

    private IEnumerable<PlannedAction> AssetActions(PlannedActionKind? kind = null) =>
        Actions.Where(a => (kind is null || a.Kind == kind) && a.LogicalPath is not null);
}
