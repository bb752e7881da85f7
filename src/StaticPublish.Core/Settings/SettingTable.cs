using StaticPublish.Core.Publishing;
using StaticPublish.Core.Publishing.Rules;

namespace StaticPublish.Core.Settings;

/// <summary>
/// Every StaticPublish setting, once: the MSBuild properties, the command-line options and their variables, the
/// README's table and the help text all come from these rows. The default values themselves are the options types'
/// (<see cref="StaticPublishOptions"/>), so a default is changed in one place.
/// </summary>
public static class SettingTable
{
    /// <summary>The bucket. Required.</summary>
    public static readonly StaticPublishSetting Bucket = new("Bucket", SettingKind.Text, null, "The S3 bucket.")
    {
        IsRequired = true, HelpName = "name", OptionsProperty = "BucketName",
    };

    /// <summary>The key prefix.</summary>
    public static readonly StaticPublishSetting Prefix = new("Prefix", SettingKind.Text, "",
        "The key prefix every object is stored under, like django-storages' AWS_LOCATION.")
    {
        HelpName = "prefix", OptionsProperty = "Location",
    };

    /// <summary>The region.</summary>
    public static readonly StaticPublishSetting Region = new("Region", SettingKind.Text, null, "The region.")
    {
        DefaultText = "AWS_REGION, then us-east-1", HelpName = "region",
    };

    /// <summary>An S3-compatible endpoint.</summary>
    public static readonly StaticPublishSetting Endpoint = new("Endpoint", SettingKind.Text, null,
        "An S3-compatible endpoint URL, e.g. http://127.0.0.1:9000; implies path-style addressing and checksums only when required.")
    {
        DefaultText = "AWS", HelpName = "url", OptionsProperty = "EndpointUrl",
    };

    /// <summary>Path-style or virtual-hosted addressing.</summary>
    public static readonly StaticPublishSetting ForcePathStyle = new("ForcePathStyle", SettingKind.Flag, null,
        "Path-style (true) or virtual-hosted (false) addressing.")
    {
        DefaultText = "path-style with an endpoint", OptionsProperty = "AddressingStyle",
    };

    /// <summary>Request checksums only when required.</summary>
    public static readonly StaticPublishSetting ChecksumsWhenRequired = new("ChecksumsWhenRequired", SettingKind.Flag, null,
        "Send request checksums only when an operation requires them (Content-MD5 protects uploads), as Ceph, R2, B2 and older MinIO need.")
    {
        DefaultText = "true with an endpoint",
    };

    /// <summary>A CA bundle for the endpoint's TLS certificate.</summary>
    public static readonly StaticPublishSetting CaBundle = new("CaBundle", SettingKind.Text, null,
        "A PEM file of CA certificates to trust for the endpoint's TLS certificate.")
    {
        DefaultText = "the system's trust store", HelpName = "file", OptionsProperty = "CaBundlePath",
    };

    /// <summary>A canned ACL for uploads.</summary>
    public static readonly StaticPublishSetting Acl = new("Acl", SettingKind.Text, null, "A canned ACL for uploaded objects, e.g. public-read.")
    {
        DefaultText = "none", HelpName = "acl", OptionsProperty = "DefaultAcl",
    };

    /// <summary>Server-side encryption for uploads.</summary>
    public static readonly StaticPublishSetting ServerSideEncryption = new("ServerSideEncryption", SettingKind.Text, null,
        "Server-side encryption for uploaded objects: AES256 (SSE-S3) or aws:kms (SSE-KMS), as a bucket policy that denies unencrypted PUTs requires.")
    {
        DefaultText = "the bucket's default", HelpName = "AES256|aws:kms", OptionsProperty = "ObjectParameters.ServerSideEncryption",
    };

    /// <summary>The KMS key for SSE-KMS.</summary>
    public static readonly StaticPublishSetting KmsKeyId = new("KmsKeyId", SettingKind.Text, null,
        "The KMS key id or ARN for ServerSideEncryption aws:kms.")
    {
        DefaultText = "the account's default key", HelpName = "key", OptionsProperty = "ObjectParameters.KmsKeyId",
    };

    /// <summary>The storage class for uploads.</summary>
    public static readonly StaticPublishSetting StorageClass = new("StorageClass", SettingKind.Text, null,
        "The storage class of uploaded objects, e.g. STANDARD_IA or INTELLIGENT_TIERING; publish rules can set one per pattern.")
    {
        DefaultText = "the bucket's default (STANDARD)", HelpName = "class", OptionsProperty = "ObjectParameters.StorageClass",
    };

    /// <summary>The base URL written into the manifest.</summary>
    public static readonly StaticPublishSetting BaseUrl = new("BaseUrl", SettingKind.Text, null,
        "The CDN or custom-domain base URL written into the manifest.")
    {
        DefaultText = "the bucket's URL for the prefix", HelpName = "url",
    };

    /// <summary>Cache-Control for fingerprinted objects.</summary>
    public static readonly StaticPublishSetting CacheControl = new("CacheControl", SettingKind.Text, StaticPublishOptions.DefaultCacheControl,
        "Cache-Control for fingerprinted objects.");

    /// <summary>Cache-Control for names kept as is.</summary>
    public static readonly StaticPublishSetting UnfingerprintedCacheControl = new("UnfingerprintedCacheControl", SettingKind.Text,
        StaticPublishOptions.DefaultUnfingerprintedCacheControl, "Cache-Control for names kept as is, and for the original-name copies.");

    /// <summary>Content types to gzip.</summary>
    public static readonly StaticPublishSetting GzipContentTypes = new("GzipContentTypes", SettingKind.List,
        StaticPublishOptions.DefaultGzipContentTypes.ToArray(), "Content types to gzip, separated by ';' or ','.")
    {
        DefaultText = "css, js, svg, json, manifest, wasm, xml, text, ttf/otf/eot", HelpName = "types",
    };

    /// <summary>Globs of names that are not fingerprinted.</summary>
    public static readonly StaticPublishSetting KeepNamePatterns = new("KeepNamePatterns", SettingKind.Globs, Array.Empty<string>(),
        "Globs of logical paths that are not fingerprinted, separated by ';'.")
    {
        DefaultText = "none", HelpName = "globs",
    };

    /// <summary>Parallel requests.</summary>
    public static readonly StaticPublishSetting Concurrency = new("Concurrency", SettingKind.Number, StaticPublishOptions.DefaultConcurrency,
        "Parallel requests, 1 to 256. Lower it for a store that answers 503 Slow Down.");

    /// <summary>Plan only.</summary>
    public static readonly StaticPublishSetting DryRun = new("DryRun", SettingKind.Flag, false,
        "Plan only: read the bucket and print what would change; upload, delete and write nothing.");

    /// <summary>Prune after publishing.</summary>
    public static readonly StaticPublishSetting Prune = new("Prune", SettingKind.Flag, false,
        "After publishing, delete objects that none of the app's last KeepReleases releases reference.");

    /// <summary>Releases prune keeps.</summary>
    public static readonly StaticPublishSetting KeepReleases = new("KeepReleases", SettingKind.Number, StaticPublishOptions.DefaultKeepReleases,
        "How many releases prune keeps, the newest included; at least 2 when pruning.");

    /// <summary>The prune guard.</summary>
    public static readonly StaticPublishSetting MaxDeletes = new("MaxDeletes", SettingKind.Number, StaticPublishOptions.DefaultMaxDeletes,
        "Prune deletes nothing if it would delete more objects than this.");

    /// <summary>The minimum age of what prune deletes.</summary>
    public static readonly StaticPublishSetting PruneOlderThan = new("PruneOlderThan", SettingKind.Duration, TimeSpan.Zero,
        "Prune deletes only objects last written longer ago than this, e.g. 7d or 12h.")
    {
        Option = "--older-than", Variable = "STATICPUBLISH_OLDER_THAN", OptionsProperty = "PruneMinimumAge",
    };

    /// <summary>Whose release history this is.</summary>
    public static readonly StaticPublishSetting AppName = new("AppName", SettingKind.Text, null,
        "Whose release history this is, so apps sharing a prefix keep separate histories and never prune each other's objects.")
    {
        Option = "--app", Variable = "STATICPUBLISH_APP", HelpName = "name",
        DefaultText = "the assembly name; on the command line, the app of the folder's endpoints manifest",
    };

    /// <summary>Make sure the bucket answers CORS.</summary>
    public static readonly StaticPublishSetting Cors = new("Cors", SettingKind.Flag, true,
        "Make sure the bucket answers cross-origin GET and HEAD for CorsOrigins (a rule merged into its CORS configuration), and check it.");

    /// <summary>The origins CORS allows.</summary>
    public static readonly StaticPublishSetting CorsOrigins = new("CorsOrigins", SettingKind.List, new[] { StaticPublishOptions.AnyOrigin },
        "The origins whose pages load the assets, e.g. https://www.example.com, separated by ';' or ','.")
    {
        Option = "--cors-origin", HelpName = "origin",
    };

    /// <summary>Original-name copies.</summary>
    public static readonly StaticPublishSetting OriginalNames = new("OriginalNames", SettingKind.Flag, true,
        "Also store fingerprinted assets under their original names, for libraries that load their own files by name (TinyMCE, Monaco, pdf.js).");

    /// <summary>Where the manifest goes.</summary>
    public static readonly StaticPublishSetting Manifest = new("Manifest", SettingKind.Text, null,
        "Where to write the manifest, outside the asset folder. In MSBuild, a file name in the publish folder.")
    {
        Property = "StaticPublishManifestFileName", HelpName = "path",
        DefaultText = $"{AssetManifest.FileName} in the publish folder; required for a plain folder",
    };

    /// <summary>Dotfiles of a plain folder.</summary>
    public static readonly StaticPublishSetting IncludeDotfiles = new("IncludeDotfiles", SettingKind.Flag, false,
        "Publish files and folders of a plain folder whose names start with '.' (.env and .git are left out by default; .well-known is always in).")
    {
        Faces = SettingFaces.CommandLine,
    };

    /// <summary>Links out of a plain folder.</summary>
    public static readonly StaticPublishSetting FollowSymlinks = new("FollowSymlinks", SettingKind.Flag, false,
        "Follow links in a plain folder whose targets are outside it (left out by default).")
    {
        Faces = SettingFaces.CommandLine, OptionsProperty = "FollowLinksOutOfFolder",
    };

    /// <summary>Publish a plain folder that looks like app output.</summary>
    public static readonly StaticPublishSetting Force = new("Force", SettingKind.Flag, false,
        "Publish a plain folder even though it looks like an app's publish output (DLLs, *.deps.json, appsettings*.json), whose files would become public.")
    {
        Faces = SettingFaces.CommandLine, Variable = null, OptionsProperty = "AllowAppOutput",
    };

    /// <summary>The command line's publish rules file.</summary>
    public static readonly StaticPublishSetting Rules = new("Rules", SettingKind.Text, null,
        "A publish rules file (per-pattern headers, gzip, names, storage class, metadata and tags); in MSBuild, StaticPublishRule items.")
    {
        Faces = SettingFaces.CommandLine, HelpName = "file", DefaultText = $"{PublishRules.FileName} in the current folder, when there is one",
    };

    /// <summary>Every setting, in the order the README and help list them.</summary>
    public static IReadOnlyList<StaticPublishSetting> All { get; } =
    [
        Bucket, Prefix, Region, Endpoint, ForcePathStyle, ChecksumsWhenRequired, CaBundle, Acl, ServerSideEncryption, KmsKeyId, StorageClass,
        BaseUrl, CacheControl, UnfingerprintedCacheControl, GzipContentTypes, KeepNamePatterns, Concurrency, DryRun,
        Prune, KeepReleases, MaxDeletes, PruneOlderThan, AppName, Cors, CorsOrigins, OriginalNames, Manifest,
        IncludeDotfiles, FollowSymlinks, Force, Rules,
    ];

    /// <summary>The setting whose name or MSBuild property is <paramref name="name"/> (case-insensitive), or null.</summary>
    public static StaticPublishSetting? Find(string name) => All.FirstOrDefault(s =>
        string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Property, name, StringComparison.OrdinalIgnoreCase));
}
