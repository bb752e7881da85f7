using StaticPublish.Core.Publishing;

namespace StaticPublish.Cli.Configuration;

/// <summary>
/// The options the commands share. Names match the MSBuild properties (<c>--cache-control</c> is
/// <c>StaticPublishCacheControl</c>) and each has a <c>STATICPUBLISH_*</c> variable. Each call makes a new option,
/// so every command owns its own.
/// </summary>
internal static class CliOptions
{
    public static CliOption<string?> BaseUrl(
        string description = "The CDN or custom-domain base URL written into the manifest (StaticPublishBaseUrl). Default: the bucket's URL for the prefix.") =>
        new("--base-url", description, "STATICPUBLISH_BASE_URL", Values.Text, helpName: "url");

    public static CliOption<string?> CacheControl() => new("--cache-control",
        $"Cache-Control for fingerprinted objects (StaticPublishCacheControl). Default: {StaticPublishOptions.DefaultCacheControl}.",
        "STATICPUBLISH_CACHE_CONTROL", Values.Text, helpName: "value");

    public static CliOption<string?> UnfingerprintedCacheControl() => new("--unfingerprinted-cache-control",
        $"Cache-Control for names kept as is (StaticPublishUnfingerprintedCacheControl). Default: {StaticPublishOptions.DefaultUnfingerprintedCacheControl}.",
        "STATICPUBLISH_UNFINGERPRINTED_CACHE_CONTROL", Values.Text, helpName: "value");

    public static CliOption<string[]> GzipContentTypes() => new("--gzip-content-types",
        "Content types to gzip, repeated or separated by ';' or ',' (StaticPublishGzipContentTypes). Default: css, js, svg, json, manifest, wasm, xml, text and uncompressed fonts.",
        "STATICPUBLISH_GZIP_CONTENT_TYPES", (text, _) => Values.List(text, commas: true), [], helpName: "types");

    public static CliOption<string[]> KeepNamePatterns() => new("--keep-name-patterns",
        "Globs of logical paths that are not fingerprinted, repeated or separated by ';' (StaticPublishKeepNamePatterns).",
        "STATICPUBLISH_KEEP_NAME_PATTERNS", (text, _) => Values.List(text, commas: false), [], helpName: "globs");

    public static CliOption<string?> Acl() => new("--acl",
        "A canned ACL for uploaded objects, e.g. public-read (StaticPublishAcl). Default: none.",
        "STATICPUBLISH_ACL", Values.Text, helpName: "acl");

    public static CliOption<int> Concurrency() => new("--concurrency",
        "Parallel requests (StaticPublishConcurrency).", "STATICPUBLISH_CONCURRENCY", Values.Integer, 16, helpName: "n");

    public static CliOption<bool> DryRun() => new("--dry-run",
        "Plan only: read the bucket, change nothing (StaticPublishDryRun).", "STATICPUBLISH_DRY_RUN", Values.Flag, helpName: "true|false");

    public static CliOption<bool> Prune() => new("--prune",
        "After publishing, delete objects that none of the last --keep-releases releases reference (StaticPublishPrune).",
        "STATICPUBLISH_PRUNE", Values.Flag, helpName: "true|false");

    public static CliOption<int> KeepReleases() => new("--keep-releases",
        "How many releases prune keeps, the newest included (StaticPublishKeepReleases).", "STATICPUBLISH_KEEP_RELEASES", Values.Integer, 5, helpName: "n");

    public static CliOption<int> MaxDeletes() => new("--max-deletes",
        "Prune deletes nothing if it would delete more than this many objects (StaticPublishMaxDeletes).",
        "STATICPUBLISH_MAX_DELETES", Values.Integer, 1000, helpName: "n");

    public static CliOption<string?> App() => new("--app",
        "Whose release history this is, so apps sharing a prefix keep separate histories (StaticPublishAppName). Default: the app of the folder's *.staticwebassets.endpoints.json, else the folder's name.",
        "STATICPUBLISH_APP", Values.Text, helpName: "name");

    public static CliOption<bool> Cors() => new("--cors",
        "Make sure the bucket answers cross-origin GET and HEAD for --cors-origin (merged into its CORS configuration), and check it (StaticPublishCors). Default: true.",
        "STATICPUBLISH_CORS", Values.Flag, true, helpName: "true|false");

    public static CliOption<string[]> CorsOrigins() => new("--cors-origin",
        "An origin whose pages load the assets, e.g. https://www.example.com; repeat it or separate with ';' or ',' (StaticPublishCorsOrigins). Default: *.",
        "STATICPUBLISH_CORS_ORIGINS", (text, _) => Values.List(text, commas: true), [StaticPublishOptions.AnyOrigin], helpName: "origin");

    public static CliOption<bool> OriginalNames() => new("--original-names",
        "Also store fingerprinted assets under their original names, for libraries that load files by name (StaticPublishOriginalNames). Default: true.",
        "STATICPUBLISH_ORIGINAL_NAMES", Values.Flag, true, helpName: "true|false");

    public static CliOption<bool> IncludeDotfiles() => new("--include-dotfiles",
        "Publish files and folders of a plain folder whose names start with '.' (.env, .git are left out by default; .well-known is always in).",
        "STATICPUBLISH_INCLUDE_DOTFILES", Values.Flag, helpName: "true|false");

    public static CliOption<bool> FollowSymlinks() => new("--follow-symlinks",
        "Follow links in a plain folder whose targets are outside it (left out by default).",
        "STATICPUBLISH_FOLLOW_SYMLINKS", Values.Flag, helpName: "true|false");

    public static CliOption<bool> Force() => new("--force",
        "Publish a plain folder even though it looks like an app's publish output (DLLs, *.deps.json, appsettings*.json), whose files would become public.",
        null, Values.Flag, helpName: "true|false");

    public static CliOption<TimeSpan> OlderThan() => new("--older-than",
        "Prune deletes only objects last written longer ago than this, e.g. 7d, 12h or 0.",
        "STATICPUBLISH_OLDER_THAN", Values.Duration, TimeSpan.Zero, helpName: "duration");
}
