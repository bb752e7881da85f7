using System.Globalization;
using System.Text.Json;
using StaticPublish.Core.Publishing;

namespace StaticPublish.Cli.Output;

/// <summary>Shows a publish plan (a dry run's result) as text lines, as JSON, and as a step summary.</summary>
internal static class PlanOutput
{
    public static PlanTotals Totals(PublishResult result)
    {
        PlanCount Count(PlannedActionKind kind) => new(
            result.Actions.Count(a => a.Kind == kind),
            result.Actions.Where(a => a.Kind == kind).Sum(a => a.Size));
        return new PlanTotals(Count(PlannedActionKind.Upload), Count(PlannedActionKind.Skip), Count(PlannedActionKind.Delete));
    }

    public static void WriteText(CliConsole console, PublishResult result, string bucket, string prefix)
    {
        console.Line($"Plan for bucket '{bucket}', prefix '{prefix}', release {result.Release}:");
        foreach (var kind in new[] { PlannedActionKind.Upload, PlannedActionKind.Skip, PlannedActionKind.Delete })
        {
            foreach (var action in result.Actions.Where(a => a.Kind == kind))
            {
                console.Line($"  {Name(kind),-6}  {action.Key} ({PublishResult.FormatBytes(action.Size)}, {action.Reason})");
            }
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
            [.. result.Actions.Select(a => new PlanActionDocument(Name(a.Kind), a.Key, a.Size, a.Reason, a.LogicalPath))],
            result.PruneSkippedReason);
        return JsonSerializer.Serialize(document, CliJsonContext.Default.PlanDocument);
    }

    /// <summary>The step summary row for a publish or a plan.</summary>
    public static void AppendSummary(StepSummary summary, string title, PublishResult result)
    {
        var totals = Totals(result);
        summary.Append(title,
            ["assets", result.DryRun ? "to upload" : "uploaded", "bytes", "gzipped", "unchanged", result.DryRun ? "to delete" : "deleted", "release"],
            [[
                Number(result.AssetCount), Number(result.UploadedAssets), PublishResult.FormatBytes(result.UploadedBytes), Number(result.UploadedGzipped),
                Number(result.UnchangedAssets), Number(totals.Delete.Count), $"`{result.Release}`",
            ]],
            result.PruneSkippedReason is { } reason ? [reason] : null);
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Name(PlannedActionKind kind) => kind.ToString().ToLowerInvariant();
}
