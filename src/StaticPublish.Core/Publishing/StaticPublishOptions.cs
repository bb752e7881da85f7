using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing.Rules;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>Settings for one publish. The MSBuild properties and the command-line options map onto these one to one.</summary>
public sealed record StaticPublishOptions
{
    /// <summary>Cache-Control for fingerprinted objects, which never change content.</summary>
    public const string DefaultCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Cache-Control for objects whose names are kept as is.</summary>
    public const string DefaultUnfingerprintedCacheControl = "public, max-age=300, must-revalidate";

    /// <summary>django-storages' gzip types, plus JSON, wasm, XML, plain text and fonts that are not already compressed.</summary>
    public static readonly IReadOnlyList<string> DefaultGzipContentTypes =
    [
        .. S3StorageOptions.DefaultGzipContentTypes,
        "application/json",
        "application/manifest+json",
        "application/ld+json",
        "application/wasm",
        "application/xml",
        "text/xml",
        "text/plain",
        "font/ttf",
        "font/otf",
        "application/vnd.ms-fontobject",
    ];

    /// <summary>
    /// Parallel requests. Small objects make a publish latency-bound, and a store does less work per PUT when more
    /// arrive together: on the local Ceph RGW, 64 took about 17% less time and server CPU than 16 for 9,814 small
    /// objects, and more than 64 gained little. Lower it for a store that throttles (503 Slow Down).
    /// </summary>
    public const int DefaultConcurrency = 64;

    /// <summary>Releases prune keeps, the newest included.</summary>
    public const int DefaultKeepReleases = 5;

    /// <summary>The most objects one prune deletes before it refuses.</summary>
    public const int DefaultMaxDeletes = 1000;

    /// <summary>The CORS origin that allows every page: these assets are public, and a CORS rule grants no access by itself.</summary>
    public const string AnyOrigin = "*";

    /// <summary>Where and how to connect: bucket, prefix (<see cref="S3StorageOptions.Location"/>), region, endpoint, ACL.</summary>
    public required S3StorageOptions Storage { get; init; }

    /// <summary>The CDN or custom-domain base URL written into the manifest. Defaults to the bucket's public URL for the prefix.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Cache-Control for fingerprinted objects.</summary>
    public string CacheControl { get; init; } = DefaultCacheControl;

    /// <summary>Cache-Control for objects that keep their names.</summary>
    public string UnfingerprintedCacheControl { get; init; } = DefaultUnfingerprintedCacheControl;

    /// <summary>Content types to gzip.</summary>
    public IReadOnlyList<string> GzipContentTypes { get; init; } = DefaultGzipContentTypes;

    /// <summary>A file is stored uncompressed when gzip saves less than this fraction of its size.</summary>
    public double MinimumGzipSavings { get; init; } = 0.05;

    /// <summary>Globs (matched against logical paths) of files that keep their names instead of being fingerprinted.</summary>
    public IReadOnlyList<string> KeepNamePatterns { get; init; } = [];

    /// <summary>How many uploads run at once.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>Plan only: read the bucket, upload and write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>After publishing, delete objects that none of the last <see cref="KeepReleases"/> releases reference.</summary>
    public bool Prune { get; init; }

    /// <summary>How many releases prune keeps, the current one included.</summary>
    public int KeepReleases { get; init; } = DefaultKeepReleases;

    /// <summary>Prune deletes nothing if it would delete more than this many objects.</summary>
    public int MaxDeletes { get; init; } = DefaultMaxDeletes;

    /// <summary>Prune deletes only objects last written longer ago than this.</summary>
    public TimeSpan PruneMinimumAge { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// The app whose release history this publish extends, so apps sharing a prefix keep separate histories (and
    /// prune never counts another app's releases as this one's). The MSBuild target passes the assembly name.
    /// Letters, digits, '.', '_' and '-'; <see langword="null"/> means <c>default</c>.
    /// </summary>
    public string? AppName { get; init; }

    /// <summary>Make sure the bucket answers cross-origin GET and HEAD for <see cref="CorsOrigins"/> (merged into its CORS configuration).</summary>
    public bool Cors { get; init; } = true;

    /// <summary>The origins whose pages load the assets; <c>*</c> (the default) allows every page.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [AnyOrigin];

    /// <summary>
    /// Also store every fingerprinted asset under its original name (same bytes, <see cref="UnfingerprintedCacheControl"/>),
    /// so libraries that load their own files by name at run time (TinyMCE, Monaco, pdf.js) find them.
    /// </summary>
    public bool OriginalNames { get; init; } = true;

    /// <summary>
    /// Per-pattern rules (type, disposition, Cache-Control, gzip, kept name, storage class, metadata, tags); the first
    /// that matches an asset's logical path applies. Server-side encryption and the default storage class are
    /// <see cref="S3StorageOptions.ObjectParameters"/>.
    /// </summary>
    public PublishRules Rules { get; init; } = PublishRules.None;

    /// <summary>Where to write <c>staticpublish.manifest.json</c>; <see langword="null"/> writes none.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>
    /// Names an options property the way the user gave it (<c>--concurrency</c>, <c>StaticPublishConcurrency</c>), for
    /// validation errors; set by <see cref="Settings.StaticPublishSettings"/>. Null, or a null answer, uses the property's name.
    /// </summary>
    internal Func<string, string?>? SettingName { get; init; }

    /// <summary>The app name the release history is kept under.</summary>
    internal string EffectiveAppName => AppName ?? ReleaseHistory.DefaultAppName;

    /// <summary>Checks the settings and throws one <c>SPUB2003</c> naming the first bad one.</summary>
    public void Validate()
    {
        Storage.Validate();
        if (BaseUrl is not null && !(Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            throw Invalid("BaseUrl", $"'{BaseUrl}' is not an absolute http:// or https:// URL, such as https://cdn.example.com/static/.");
        }

        if (string.IsNullOrWhiteSpace(CacheControl))
        {
            throw Invalid("CacheControl", "must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(UnfingerprintedCacheControl))
        {
            throw Invalid("UnfingerprintedCacheControl", "must not be empty.");
        }

        if (Concurrency is < 1 or > 256)
        {
            throw Invalid("Concurrency", $"must be between 1 and 256, not {Concurrency}.");
        }

        if (KeepReleases < 1)
        {
            throw Invalid("KeepReleases", $"must be at least 1, not {KeepReleases}.");
        }

        if (Prune && KeepReleases < 2)
        {
            throw Invalid("KeepReleases",
                $"must be at least 2 when pruning, not {KeepReleases}: the app instances still running the previous release load its assets until the new release is deployed, so prune would break them.");
        }

        if (AppName is not null && !ReleaseHistory.IsValidAppName(AppName))
        {
            throw Invalid("AppName", $"'{AppName}' must be 1 to 100 letters, digits, '.', '_' or '-'.");
        }

        if (Cors)
        {
            // Throws SPUB2003 naming the first origin that is not scheme://host[:port] or '*'.
            if (S3BucketCors.NormalizeOrigins(CorsOrigins).Count == 0)
            {
                throw Invalid("CorsOrigins", "must name at least one origin, such as https://www.example.com or '*', when Cors is on.");
            }
        }

        if (MaxDeletes < 0)
        {
            throw Invalid("MaxDeletes", $"must be 0 or more, not {MaxDeletes}.");
        }

        if (PruneMinimumAge < TimeSpan.Zero)
        {
            throw Invalid("PruneMinimumAge", $"must not be negative, not {PruneMinimumAge}.");
        }

        if (MinimumGzipSavings is < 0 or >= 1)
        {
            throw Invalid("MinimumGzipSavings", "must be between 0 and 1.");
        }
    }

    private StaticPublishException Invalid(string property, string problem) =>
        new(ErrorCodes.InvalidSetting, $"{SettingName?.Invoke(property) ?? "The StaticPublish setting " + property} {problem}");
}
