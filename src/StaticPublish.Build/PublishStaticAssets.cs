using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Publishing.Rules;
using StaticPublish.Core.Settings;

namespace StaticPublish.Build;

/// <summary>
/// Publishes the static web assets of a publish folder to S3 and writes <c>staticpublish.manifest.json</c>. A thin
/// adapter over <see cref="StaticAssetPublisher"/>: Core reads the settings, the task logs, and it never throws.
/// Credentials come from the AWS SDK chain (environment, AWS_PROFILE, instance role), never from properties.
/// </summary>
#pragma warning disable CA1001 // MSBuild never disposes tasks; the token source holds no unmanaged resources until a timer is used.
public sealed class PublishStaticAssets : Microsoft.Build.Utilities.Task, ICancelableTask
#pragma warning restore CA1001
{
    private const int DryRunLinesShown = 10;

    private readonly CancellationTokenSource _cancel = new();

    /// <summary>The publish folder: its <c>wwwroot</c> and endpoints manifest are read.</summary>
    [Required]
    public string PublishDirectory { get; set; } = "";

    /// <summary>The SDK's <c>{App}.staticwebassets.endpoints.json</c>; when empty, the one in the publish folder is used.</summary>
    public string? EndpointsManifest { get; set; }

    /// <summary>
    /// The settings, one item per setting: the item spec is its name in <see cref="SettingTable"/> (<c>Bucket</c>,
    /// <c>CacheControl</c>, ...) and <c>Value</c> the text of its <c>StaticPublish*</c> property. Empty means the
    /// default, which Core owns.
    /// </summary>
    [Required]
    public ITaskItem[] Settings { get; set; } = [];

    /// <summary>
    /// The publish rules, in declaration order (the first that matches an asset applies): one <c>StaticPublishRule</c>
    /// item each, whose item spec names it and whose metadata are its fields: <c>Pattern</c> (required, a glob of
    /// logical paths), <c>ContentType</c>, <c>ContentDisposition</c>, <c>CacheControl</c>, <c>Gzip</c>, <c>KeepName</c>,
    /// <c>StorageClass</c>, <c>Metadata</c> and <c>Tags</c> (<c>k=v;k2=v2</c>). Core reads and checks them.
    /// </summary>
    public ITaskItem[] Rules { get; set; } = [];

    /// <summary>The manifest that was written (empty for a dry run).</summary>
    [Output]
    public string? ManifestFile { get; private set; }

    /// <summary>The release id.</summary>
    [Output]
    public string? Release { get; private set; }

    /// <summary>
    /// One item per asset (item spec = logical path), with metadata <c>ObjectKey</c>, <c>OriginalKey</c> (empty when
    /// there is no original-name copy), <c>Url</c>, <c>ContentType</c>, <c>ContentEncoding</c>, <c>CacheControl</c>,
    /// <c>Integrity</c>, <c>Fingerprinted</c> and <c>Action</c> (Upload or Skip, for the object the manifest points at).
    /// </summary>
    [Output]
    public ITaskItem[] PublishedAssets { get; private set; } = [];

    /// <inheritdoc />
    public void Cancel() => _cancel.Cancel();

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            var settings = StaticPublishSettings.From(
                Settings.Select(item => KeyValuePair.Create(item.ItemSpec, (string?)item.GetMetadata("Value"))), SettingFaces.MSBuild);
            foreach (var line in settings.Describe())
            {
                Log.LogMessage(MessageImportance.Low, "[setting] {0}", line);
            }

            var rules = PublishRules.FromItems(Rules.Select(item => KeyValuePair.Create(item.ItemSpec,
                (IReadOnlyDictionary<string, string>)item.CloneCustomMetadata().Keys.Cast<string>().ToDictionary(name => name, item.GetMetadata, StringComparer.OrdinalIgnoreCase))));
            var options = settings.ToPublishOptions(PublishDirectory, rules: rules);
            var assets = StaticAssetCollector.Collect(PublishDirectory, string.IsNullOrWhiteSpace(EndpointsManifest) || !File.Exists(EndpointsManifest) ? null : EndpointsManifest);
            var result = new StaticAssetPublisher(new MSBuildPublishLog(Log)).PublishAsync(assets, options, _cancel.Token).GetAwaiter().GetResult();

            Release = result.Release;
            ManifestFile = result.DryRun ? null : result.ManifestPath;
            var actions = result.Actions.ToDictionary(a => a.Key, a => a.Kind, StringComparer.Ordinal);
            PublishedAssets = [.. result.Manifest.Assets.Select(pair => ToItem(pair.Key, pair.Value, result.Manifest.BaseUrl, actions.GetValueOrDefault(pair.Value.Key, PlannedActionKind.Skip)))];
            if (result.DryRun)
            {
                LogPlan(result);
            }

            Log.LogMessage(MessageImportance.High, result.Summary);
        }
        catch (Exception e) when (PublishFailure.From(e) is { } failure)
        {
            Log.LogError(null, failure.Code, null, null, 0, 0, 0, 0, failure.Message);
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>The first few planned changes at any verbosity; the full plan at normal verbosity (-v:n).</summary>
    private void LogPlan(PublishResult result)
    {
        var changes = result.Actions.Where(a => a.Kind != PlannedActionKind.Skip).Concat(result.Prune?.Deletes ?? []).ToList();
        for (var i = 0; i < changes.Count; i++)
        {
            Log.LogMessage(i < DryRunLinesShown ? MessageImportance.High : MessageImportance.Normal, "StaticPublish: would {0} {1} ({2}, {3}{4})",
                changes[i].Kind.ToString().ToLowerInvariant(), changes[i].Key, PublishResult.FormatBytes(changes[i].Size), changes[i].Reason,
                changes[i].Rule is { } rule ? ", rule " + rule : "");
        }

        if (changes.Count > DryRunLinesShown)
        {
            Log.LogMessage(MessageImportance.High, "StaticPublish: ... and {0} more planned changes (-v:n lists them all)", changes.Count - DryRunLinesShown);
        }
    }

    private static TaskItem ToItem(string logicalPath, AssetManifestEntry entry, string baseUrl, PlannedActionKind action)
    {
        var item = new TaskItem(logicalPath);
        item.SetMetadata("ObjectKey", entry.Key);
        item.SetMetadata("OriginalKey", entry.Original?.Key ?? "");
        item.SetMetadata("Url", baseUrl + entry.Path);
        item.SetMetadata("ContentType", entry.ContentType);
        item.SetMetadata("ContentEncoding", entry.ContentEncoding ?? "");
        item.SetMetadata("CacheControl", entry.CacheControl);
        item.SetMetadata("Integrity", entry.Integrity);
        item.SetMetadata("Fingerprinted", entry.Fingerprinted.ToString(CultureInfo.InvariantCulture));
        item.SetMetadata("Action", action.ToString());
        return item;
    }
}
