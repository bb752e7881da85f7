using System.Globalization;

namespace StaticPublish.Core.Publishing;

/// <summary>What a publish did (or, for a dry run, would do).</summary>
public sealed record PublishResult
{
    /// <summary>The release id.</summary>
    public required string Release { get; init; }

    /// <summary>The manifest that was (or would be) written.</summary>
    public required AssetManifest Manifest { get; init; }

    /// <summary>Every planned action, assets first, then StaticPublish's own objects, then deletions.</summary>
    public required IReadOnlyList<PlannedAction> Actions { get; init; }

    /// <summary>Whether this was a dry run, which wrote nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Where the local manifest was written, or null.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Why prune deleted nothing when it was asked to, or null.</summary>
    public string? PruneSkippedReason { get; init; }

    /// <summary>The number of assets.</summary>
    public int AssetCount => Manifest.Assets.Count;

    /// <summary>Assets uploaded (or to upload).</summary>
    public int UploadedAssets => AssetActions(PlannedActionKind.Upload).Count();

    /// <summary>Bytes of assets uploaded (or to upload).</summary>
    public long UploadedBytes => AssetActions(PlannedActionKind.Upload).Sum(a => a.Size);

    /// <summary>Uploaded assets that are stored gzipped.</summary>
    public int UploadedGzipped => AssetActions(PlannedActionKind.Upload).Count(a => Manifest.Assets[a.LogicalPath!].ContentEncoding == "gzip");

    /// <summary>Assets already in place.</summary>
    public int UnchangedAssets => AssetActions(PlannedActionKind.Skip).Count();

    /// <summary>Objects deleted (or to delete) by prune.</summary>
    public int Deleted => Actions.Count(a => a.Kind == PlannedActionKind.Delete);

    /// <summary>
    /// The one summary line, e.g. <c>StaticPublish: 4,213 assets, 312 uploaded (21.3 MB, 1,187 gzipped), 3,901 unchanged, 6.2 s</c>.
    /// </summary>
    public string Summary
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            var verb = DryRun ? "to upload" : "uploaded";
            var pruned = Deleted > 0 ? string.Format(c, ", {0:N0} {1}", Deleted, DryRun ? "to delete" : "deleted") : "";
            return string.Format(c, "StaticPublish{0}: {1:N0} assets, {2:N0} {3} ({4}, {5:N0} gzipped), {6:N0} unchanged{7}, {8:0.0} s",
                DryRun ? " (dry run)" : "", AssetCount, UploadedAssets, verb, FormatBytes(UploadedBytes), UploadedGzipped, UnchangedAssets, pruned, Elapsed.TotalSeconds);
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

    private IEnumerable<PlannedAction> AssetActions(PlannedActionKind kind) =>
        Actions.Where(a => a.Kind == kind && a.LogicalPath is not null);
}
