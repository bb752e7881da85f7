using System.Text.Json.Serialization;

namespace StaticPublish.Cli.Output;

/// <summary>The machine-readable plan <c>staticpublish plan --json</c> prints.</summary>
internal sealed record PlanDocument(
    string Bucket,
    string Prefix,
    string Release,
    PlanTotals Totals,
    IReadOnlyList<PlanActionDocument> Actions,
    string? Cors,
    string? PruneSkippedReason);

/// <summary>Counts and bytes per kind of action.</summary>
internal sealed record PlanTotals(PlanCount Upload, PlanCount Skip, PlanCount Delete);

/// <summary>How many objects, and their bytes.</summary>
internal sealed record PlanCount(int Count, long Bytes);

/// <summary>One planned action, with the publish rule its asset matched (null when none did).</summary>
internal sealed record PlanActionDocument(string Action, string Key, long Size, string Reason, string? Path, string? Object, string? Rule);

/// <summary>Source-generated JSON for the tool's machine-readable output.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PlanDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
