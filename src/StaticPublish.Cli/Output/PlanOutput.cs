using System.Globalization;
using System.Text.Json;
using StaticPublish.Core.Publishing;

namespace StaticPublish.Cli.Output;

/// <summary>Shows a publish plan (a dry run's result) as text lines, as JSON, and as a step summary.</summary>
internal static class PlanOutput
{
    public static PlanTotals Totals(PublishResult result)
    {
        var all = AllActions(result);
        PlanCount Count(PlannedActionKind kind) => new(all.Count(a => a.Kind == kind), all.Where(a => a.Kind == kind).Sum(a => a.Size));
        return new PlanTotals(Count(PlannedActionKind.Upload), Count(PlannedActionKind.Skip), Count(PlannedActionKind.Delete));
    }

    public static void WriteText(CliConsole console, PublishResult result, string bucket, string prefix)
    {
        console.Line($"Plan for bucket '{bucket}', prefix '{prefix}', release {result.Release}:");
        var all = AllActions(result);
        foreach (var kind in new[] { PlannedActionKind.Upload, PlannedActionKind.Skip, PlannedActionKind.Delete })
        {
            foreach (var action in all.Where(a => a.Kind == kind))
            {
                console.Line($"  {Name(kind),-6}  {action.Key} ({PublishResult.FormatBytes(action.Size)}, {Describe(action)})");
            }
        }

        if (result.CorsChange is { } cors)
        {
            console.Line("  " + cors);
        }

        var totals = Totals(result);
        console.Line(string.Format(CultureInfo.InvariantCulture, "upload {0:N0} objects ({1}), skip {2:N0} objects ({3}), delete {4:N0} objects ({5})",
            totals.Upload.Count, PublishResult.FormatBytes(totals.Upload.Bytes), totals.Skip.Count, PublishResult.FormatBytes(totals.Skip.Bytes),
            totals.Delete.Count, PublishResult.FormatBytes(totals.Delete.Bytes)));
    }

    public static string ToJson(PublishResult result, string bucket, string prefix)
    {
        var document = new PlanDocument(
            bucket,
            prefix,
            result.Release,
            Totals(result),
            [.. AllActions(result).Select(a => new PlanActionDocument(Name(a.Kind), a.Key, a.Size, a.Reason, a.LogicalPath, ObjectName(a.ObjectKind), a.Rule))],
            result.CorsChange,
            result.Prune?.SkippedReason);
        return JsonSerializer.Serialize(document, CliJsonContext.Default.PlanDocument);
    }

    /// <summary>The step summary row for a publish or a plan.</summary>
    public static void AppendSummary(StepSummary summary, string title, PublishResult result)
    {
        var totals = Totals(result);
        summary.Append(title,
            ["assets", result.DryRun ? "to upload" : "uploaded", "bytes", "gzipped", "unchanged", result.DryRun ? "to delete" : "deleted", "release"],
            [[
                Number(result.AssetCount), Number(result.UploadedObjects), PublishResult.FormatBytes(result.UploadedBytes), Number(result.UploadedGzipped),
                Number(result.UnchangedObjects), Number(totals.Delete.Count), $"`{result.Release}`",
            ]],
            result.Prune?.SkippedReason is { } reason ? [reason] : null);
    }

    /// <summary>The publish's uploads and skips, then prune's deletes.</summary>
    private static List<PlannedAction> AllActions(PublishResult result) => [.. result.Actions, .. result.Prune?.Deletes ?? []];

    private static string Describe(PlannedAction action) => action.ObjectKind switch
    {
        PublishedObjectKind.OriginalName => action.Reason + ", original name",
        PublishedObjectKind.KeptName => action.Reason + ", kept name",
        _ => action.Reason,
    } + (action.Rule is { } rule ? ", rule " + rule : "");

    private static string? ObjectName(PublishedObjectKind? kind) => kind switch
    {
        PublishedObjectKind.Fingerprinted => "fingerprinted",
        PublishedObjectKind.OriginalName => "original-name",
        PublishedObjectKind.KeptName => "kept-name",
        PublishedObjectKind.ReleaseRecord => "release-record",
        _ => null,
    };

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Name(PlannedActionKind kind) => kind.ToString().ToLowerInvariant();
}
