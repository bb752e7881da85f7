using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Storage;

namespace StaticPublish.Build;

/// <summary>
/// Publishes the static web assets of a publish folder to S3 and writes <c>staticpublish.manifest.json</c>. A thin
/// adapter over <see cref="StaticAssetPublisher"/>: it maps properties to options, logs, and never throws.
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

    /// <summary>Where to write the manifest.</summary>
    [Required]
    public string ManifestPath { get; set; } = "";

    /// <summary><c>StaticPublishBucket</c>.</summary>
    public string? Bucket { get; set; }

    /// <summary><c>StaticPublishPrefix</c>.</summary>
    public string? Prefix { get; set; }

    /// <summary><c>StaticPublishRegion</c>.</summary>
    public string? Region { get; set; }

    /// <summary><c>StaticPublishEndpoint</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>StaticPublishForcePathStyle</c>: empty means path-style with an endpoint, virtual-hosted without.</summary>
    public string? ForcePathStyle { get; set; }

    /// <summary><c>StaticPublishBaseUrl</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary><c>StaticPublishCacheControl</c>.</summary>
    public string? CacheControl { get; set; }

    /// <summary><c>StaticPublishUnfingerprintedCacheControl</c>.</summary>
    public string? UnfingerprintedCacheControl { get; set; }

    /// <summary><c>StaticPublishGzipContentTypes</c>.</summary>
    public string[]? GzipContentTypes { get; set; }

    /// <summary><c>StaticPublishKeepNamePatterns</c>.</summary>
    public string[]? KeepNamePatterns { get; set; }

    /// <summary><c>StaticPublishAcl</c>.</summary>
    public string? Acl { get; set; }

    /// <summary><c>StaticPublishConcurrency</c>.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary><c>StaticPublishDryRun</c>.</summary>
    public bool DryRun { get; set; }

    /// <summary><c>StaticPublishPrune</c>.</summary>
    public bool Prune { get; set; }

    /// <summary><c>StaticPublishKeepReleases</c>.</summary>
    public int KeepReleases { get; set; } = 5;

    /// <summary><c>StaticPublishMaxDeletes</c>.</summary>
    public int MaxDeletes { get; set; } = 1000;

    /// <summary><c>StaticPublishAppName</c>: whose release history this publish extends (the assembly name by default).</summary>
    public string? AppName { get; set; }

    /// <summary><c>StaticPublishCors</c>: make sure the bucket answers cross-origin GET and HEAD.</summary>
    public bool Cors { get; set; } = true;

    /// <summary><c>StaticPublishCorsOrigins</c>: the origins whose pages load the assets (<c>*</c> by default).</summary>
    public string[]? CorsOrigins { get; set; }

    /// <summary><c>StaticPublishOriginalNames</c>: also store fingerprinted assets under their original names.</summary>
    public bool OriginalNames { get; set; } = true;

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
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            Log.LogError(null, ErrorCodes.InvalidSetting, null, null, 0, 0, 0, 0,
                "StaticPublishBucket is required when StaticPublishEnabled is true. Pass -p:StaticPublishBucket=<bucket name>.");
            return false;
        }

        try
        {
            var options = new StaticPublishOptions
            {
                Storage = new S3StorageOptions
                {
                    BucketName = Bucket,
                    Location = Prefix ?? "",
                    Region = NullIfEmpty(Region),
                    EndpointUrl = NullIfEmpty(Endpoint),
                    AddressingStyle = ParseAddressing(ForcePathStyle),
                    DefaultAcl = NullIfEmpty(Acl),
                },
                BaseUrl = NullIfEmpty(BaseUrl),
                CacheControl = NullIfEmpty(CacheControl) ?? StaticPublishOptions.DefaultCacheControl,
                UnfingerprintedCacheControl = NullIfEmpty(UnfingerprintedCacheControl) ?? StaticPublishOptions.DefaultUnfingerprintedCacheControl,
                GzipContentTypes = GzipContentTypes is { Length: > 0 } types ? [.. types.Select(t => t.Trim())] : StaticPublishOptions.DefaultGzipContentTypes,
                KeepNamePatterns = KeepNamePatterns is { Length: > 0 } patterns ? [.. patterns.Select(p => p.Trim())] : [],
                Concurrency = Concurrency,
                DryRun = DryRun,
                Prune = Prune,
                KeepReleases = KeepReleases,
                MaxDeletes = MaxDeletes,
                ManifestPath = ManifestPath,
                AppName = NullIfEmpty(AppName),
                Cors = Cors,
                CorsOrigins = CorsOrigins is { Length: > 0 } origins ? [.. origins.Select(o => o.Trim())] : [StaticPublishOptions.AnyOrigin],
                OriginalNames = OriginalNames,
            };

            var assets = StaticAssetCollector.Collect(PublishDirectory, NullIfEmpty(EndpointsManifest) is { } manifest && File.Exists(manifest) ? manifest : null);
            var result = new StaticAssetPublisher(new MSBuildPublishLog(Log))
                .PublishAsync(assets, options, _cancel.Token).GetAwaiter().GetResult();

            Release = result.Release;
            ManifestFile = result.DryRun ? null : result.ManifestPath;
            var actions = result.Actions.ToDictionary(a => a.Key, StringComparer.Ordinal);
            PublishedAssets = [.. result.Manifest.Assets.Select(pair => ToItem(pair.Key, pair.Value, result.Manifest.BaseUrl, actions[pair.Value.Key]))];
            if (result.DryRun)
            {
                // The first few planned changes show at any verbosity; the full plan at normal verbosity (-v:n).
                var changes = result.Actions.Where(a => a.Kind != PlannedActionKind.Skip).Concat(result.Prune?.Deletes ?? []).ToList();
                for (var i = 0; i < changes.Count; i++)
                {
                    Log.LogMessage(i < DryRunLinesShown ? MessageImportance.High : MessageImportance.Normal, "StaticPublish: would {0} {1} ({2}, {3})",
                        changes[i].Kind.ToString().ToLowerInvariant(), changes[i].Key, PublishResult.FormatBytes(changes[i].Size), changes[i].Reason);
                }

                if (changes.Count > DryRunLinesShown)
                {
                    Log.LogMessage(MessageImportance.High, "StaticPublish: ... and {0} more planned changes (-v:n lists them all)", changes.Count - DryRunLinesShown);
                }
            }

            Log.LogMessage(MessageImportance.High, result.Summary);
        }
        catch (Exception e) when (PublishFailure.From(e) is { } failure)
        {
            Log.LogError(null, failure.Code, null, null, 0, 0, 0, 0, failure.Message);
        }

        return !Log.HasLoggedErrors;
    }

    private static TaskItem ToItem(string logicalPath, AssetManifestEntry entry, string baseUrl, PlannedAction action)
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
        item.SetMetadata("Action", action.Kind.ToString());
        return item;
    }

    private static S3AddressingStyle ParseAddressing(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "true" => S3AddressingStyle.Path,
        "false" => S3AddressingStyle.Virtual,
        _ => S3AddressingStyle.Auto,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
