using StaticPublish.Core.Errors;
using StaticPublish.Core.Signing;

namespace StaticPublish.Core.Storage;

/// <summary>
/// Settings for <see cref="S3Storage"/>. Names follow .NET style; defaults follow django-storages' S3 backend
/// unless a remark says otherwise. The django-storages name is given for each.
/// </summary>
public sealed class S3StorageOptions
{
    /// <summary>The gzip content types django-storages uses by default (<c>GZIP_CONTENT_TYPES</c>).</summary>
    public static readonly IReadOnlyList<string> DefaultGzipContentTypes =
    [
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/x-javascript",
        "image/svg+xml",
    ];

    /// <summary>The bucket (<c>AWS_STORAGE_BUCKET_NAME</c>). Required.</summary>
    public string BucketName { get; set; } = "";

    /// <summary>A key prefix every name is stored under (<c>AWS_LOCATION</c>). Names can never escape it.</summary>
    public string Location { get; set; } = "";

    /// <summary>The region (<c>AWS_S3_REGION_NAME</c>). <see langword="null"/> uses the SDK's region chain, then us-east-1.</summary>
    public string? Region { get; set; }

    /// <summary>An S3-compatible endpoint such as <c>http://127.0.0.1:9000</c> (<c>AWS_S3_ENDPOINT_URL</c>).</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>Path-style or virtual-hosted addressing (<c>AWS_S3_ADDRESSING_STYLE</c>).</summary>
    public S3AddressingStyle AddressingStyle { get; set; } = S3AddressingStyle.Auto;

    /// <summary>Use HTTPS when no endpoint URL gives the scheme (<c>AWS_S3_USE_SSL</c>).</summary>
    public bool UseSsl { get; set; } = true;

    /// <summary>Verify the server's TLS certificate (<c>AWS_S3_VERIFY</c> = False turns it off).</summary>
    public bool VerifySsl { get; set; } = true;

    /// <summary>A PEM file of CA certificates to trust instead of the system store (<c>AWS_S3_VERIFY</c> = path).</summary>
    public string? CaBundlePath { get; set; }

    /// <summary>An HTTP proxy such as <c>http://proxy:3128</c> (<c>AWS_S3_PROXIES</c>).</summary>
    public string? ProxyUrl { get; set; }

    /// <summary>An explicit access key (<c>AWS_S3_ACCESS_KEY_ID</c>). Leave unset to use the SDK credential chain.</summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret key paired with <see cref="AccessKey"/> (<c>AWS_S3_SECRET_ACCESS_KEY</c>).</summary>
    public string? SecretKey { get; set; }

    /// <summary>A session token for temporary credentials (<c>AWS_SESSION_TOKEN</c>).</summary>
    public string? SessionToken { get; set; }

    /// <summary>A shared-config profile to take credentials from (<c>AWS_S3_SESSION_PROFILE</c>).</summary>
    public string? Profile { get; set; }

    /// <summary>A canned ACL such as <c>public-read</c> for new objects (<c>AWS_DEFAULT_ACL</c>). None by default.</summary>
    public string? DefaultAcl { get; set; }

    /// <summary>Headers and settings for every object (<c>AWS_S3_OBJECT_PARAMETERS</c>).</summary>
    public S3ObjectParameters ObjectParameters { get; set; } = new();

    /// <summary>
    /// Varies object parameters per name (django-storages' <c>get_object_parameters</c> override). It gets the
    /// storage name and the defaults and returns the parameters to use.
    /// </summary>
    public Func<string, S3ObjectParameters, S3ObjectParameters>? ObjectParametersOverride { get; set; }

    /// <summary>Return presigned URLs from <see cref="S3Storage.Url"/> (<c>AWS_QUERYSTRING_AUTH</c>).</summary>
    public bool QuerystringAuth { get; set; } = true;

    /// <summary>How long presigned and CloudFront-signed URLs stay valid (<c>AWS_QUERYSTRING_EXPIRE</c>, 3600 s).</summary>
    public TimeSpan QuerystringExpire { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>A host (and optional path) to build URLs with instead of S3 (<c>AWS_S3_CUSTOM_DOMAIN</c>).</summary>
    public string? CustomDomain { get; set; }

    /// <summary>The scheme for <see cref="CustomDomain"/> URLs (<c>AWS_S3_URL_PROTOCOL</c>).</summary>
    public string UrlProtocol { get; set; } = "https";

    /// <summary>The CloudFront public key id or key pair id (<c>AWS_CLOUDFRONT_KEY_ID</c>).</summary>
    public string? CloudFrontKeyPairId { get; set; }

    /// <summary>The CloudFront private key PEM, RSA-2048 or ECDSA P-256 (<c>AWS_CLOUDFRONT_KEY</c>).</summary>
    public string? CloudFrontPrivateKeyPem { get; set; }

    /// <summary>The hash for CloudFront signatures. SHA-256 adds <c>Hash-Algorithm=SHA256</c>.</summary>
    public CloudFrontHashAlgorithm CloudFrontHashAlgorithm { get; set; } = CloudFrontHashAlgorithm.Sha1;

    /// <summary>Overwrite an existing object on save (<c>AWS_S3_FILE_OVERWRITE</c>). When off, a clash gets a unique name.</summary>
    public bool FileOverwrite { get; set; } = true;

    /// <summary>Gzip the <see cref="GzipContentTypes"/> on save (<c>AWS_IS_GZIPPED</c>).</summary>
    public bool Gzip { get; set; }

    /// <summary>The content types gzipped when <see cref="Gzip"/> is on (<c>GZIP_CONTENT_TYPES</c>).</summary>
    public IList<string> GzipContentTypes { get; set; } = [.. DefaultGzipContentTypes];

    /// <summary>
    /// Opened objects larger than this many bytes spool to a temporary file instead of memory
    /// (<c>AWS_S3_MAX_MEMORY_SIZE</c>). 0, the django-storages default, keeps every read in memory.
    /// </summary>
    public long MaxMemorySize { get; set; }

    /// <summary>Create the bucket on first use if it does not exist (<c>AWS_AUTO_CREATE_BUCKET</c>).</summary>
    public bool AutoCreateBucket { get; set; }

    /// <summary>
    /// Send request checksums only when an operation requires them, and protect uploads with <c>Content-MD5</c>
    /// instead. <see langword="null"/> (the default) turns this on for any custom endpoint, because AWS SDK v4's
    /// aws-chunked checksum trailers break Ceph, R2, B2 and older MinIO.
    /// </summary>
    public bool? ChecksumsWhenRequired { get; set; }

    /// <summary>Buckets to create and make public or private in <see cref="S3Storage.InitializeBucketsAsync"/>.</summary>
    public IList<S3BucketDefinition> Buckets { get; set; } = [];

    /// <summary>Bucket policies applied after the buckets exist (django-minio-backend's policy hooks).</summary>
    public IList<S3PolicyHook> PolicyHooks { get; set; } = [];

    /// <summary>
    /// How long one request may take before it is abandoned and retried (boto's <c>read_timeout</c>).
    /// <see langword="null"/> keeps the AWS SDK's 100 seconds.
    /// </summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>Objects at least this large are uploaded in parts. 16 MiB, as the SDK's TransferUtility.</summary>
    public long MultipartThreshold { get; set; } = 16L * 1024 * 1024;

    /// <summary>The part size for multipart uploads (8 MiB, S3's minimum is 5 MiB).</summary>
    public long MultipartPartSize { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// Names an options property the way the user gave it (<c>--endpoint</c>, <c>StaticPublishEndpoint</c>), for
    /// validation errors; set by <see cref="Settings.StaticPublishSettings"/>. Null, or a null answer, uses the property's name.
    /// </summary>
    internal Func<string, string?>? SettingName { get; set; }

    /// <summary>Whether request checksums are limited to operations that require them (see <see cref="ChecksumsWhenRequired"/>).</summary>
    public bool UsesChecksumsWhenRequired => ChecksumsWhenRequired ?? !string.IsNullOrEmpty(EndpointUrl);

    /// <summary>Whether requests use path-style addressing, after resolving <see cref="S3AddressingStyle.Auto"/>.</summary>
    public bool UsesPathStyle => AddressingStyle switch
    {
        S3AddressingStyle.Path => true,
        S3AddressingStyle.Virtual => false,
        _ => !string.IsNullOrEmpty(EndpointUrl),
    };

    /// <summary>The location with no leading or trailing slashes.</summary>
    internal string NormalizedLocation => Location.Trim('/');

    /// <summary>
    /// A copy of what a client needs to reach the bucket: its name, region, endpoint, addressing, TLS, proxy,
    /// credentials, checksum mode and request timeout. Nothing about what is written, where (the location), or how URLs
    /// look. Kept beside the properties, so a new connection setting is added here too.
    /// </summary>
    public S3StorageOptions CopyConnection() => new()
    {
        BucketName = BucketName,
        Region = Region,
        EndpointUrl = EndpointUrl,
        AddressingStyle = AddressingStyle,
        UseSsl = UseSsl,
        VerifySsl = VerifySsl,
        CaBundlePath = CaBundlePath,
        ProxyUrl = ProxyUrl,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        SessionToken = SessionToken,
        Profile = Profile,
        ChecksumsWhenRequired = ChecksumsWhenRequired,
        RequestTimeout = RequestTimeout,
        SettingName = SettingName,
    };

    /// <summary>
    /// Checks every setting and throws one <see cref="StaticPublishException"/> (<c>SPUB2003</c>) naming the first
    /// invalid one and what to do.
    /// </summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BucketName))
        {
            throw Invalid(nameof(BucketName), "is required. Set it to the name of the S3 bucket to store objects in.");
        }

        if (!BucketNames.IsValid(BucketName, out var bucketProblem))
        {
            throw Invalid(nameof(BucketName), $"'{BucketName}' is not a valid bucket name: {bucketProblem}");
        }

        if (Location.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(s => s is "." or ".."))
        {
            throw Invalid(nameof(Location), $"'{Location}' must not contain '.' or '..' segments.");
        }

        if (!string.IsNullOrEmpty(EndpointUrl) && !IsHttpUrl(EndpointUrl))
        {
            throw Invalid(nameof(EndpointUrl), $"'{EndpointUrl}' is not an absolute http:// or https:// URL, such as http://127.0.0.1:9000.");
        }

        if (!string.IsNullOrEmpty(ProxyUrl) && !IsHttpUrl(ProxyUrl))
        {
            throw Invalid(nameof(ProxyUrl), $"'{ProxyUrl}' is not an absolute http:// or https:// URL, such as http://proxy:3128.");
        }

        if (!string.IsNullOrEmpty(CaBundlePath) && !File.Exists(CaBundlePath))
        {
            throw Invalid(nameof(CaBundlePath), $"the file '{CaBundlePath}' does not exist. Point it at a PEM file of CA certificates.");
        }

        if (string.IsNullOrEmpty(AccessKey) != string.IsNullOrEmpty(SecretKey))
        {
            throw Invalid(string.IsNullOrEmpty(AccessKey) ? nameof(AccessKey) : nameof(SecretKey),
                "must be set together with its pair. Set both AccessKey and SecretKey, or neither to use the AWS credential chain.");
        }

        if (QuerystringExpire <= TimeSpan.Zero)
        {
            throw Invalid(nameof(QuerystringExpire), $"must be positive, not {QuerystringExpire}.");
        }

        if (UrlProtocol is not ("http" or "https"))
        {
            throw Invalid(nameof(UrlProtocol), $"must be 'http' or 'https', not '{UrlProtocol}'.");
        }

        if (string.IsNullOrEmpty(CloudFrontKeyPairId) != string.IsNullOrEmpty(CloudFrontPrivateKeyPem))
        {
            throw Invalid(string.IsNullOrEmpty(CloudFrontKeyPairId) ? nameof(CloudFrontKeyPairId) : nameof(CloudFrontPrivateKeyPem),
                "must be set together with its pair to sign CloudFront URLs.");
        }

        if (!string.IsNullOrEmpty(CloudFrontKeyPairId) && string.IsNullOrEmpty(CustomDomain))
        {
            throw Invalid(nameof(CustomDomain), "is required for CloudFront signing: set it to the distribution's domain, such as d111111abcdef8.cloudfront.net.");
        }

        if (ObjectParameters.ServerSideEncryption != S3ServerSideEncryption.Kms && !string.IsNullOrEmpty(ObjectParameters.KmsKeyId))
        {
            const string Encryption = "ObjectParameters.ServerSideEncryption";
            throw Invalid("ObjectParameters.KmsKeyId", $"is only used with {SettingName?.Invoke(Encryption) ?? Encryption} set to Kms (aws:kms).");
        }

        if (RequestTimeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromHours(1)))
        {
            throw Invalid(nameof(RequestTimeout), $"must be between 0 and 1 hour, not {timeout}.");
        }

        if (MaxMemorySize < 0)
        {
            throw Invalid(nameof(MaxMemorySize), "must be 0 (no limit) or a positive number of bytes.");
        }

        if (MultipartPartSize < 5L * 1024 * 1024)
        {
            throw Invalid(nameof(MultipartPartSize), "must be at least 5 MiB, the S3 minimum part size.");
        }

        if (MultipartThreshold < MultipartPartSize)
        {
            throw Invalid(nameof(MultipartThreshold), "must be at least MultipartPartSize.");
        }

        foreach (var bucket in Buckets)
        {
            if (!BucketNames.IsValid(bucket.Name, out var problem))
            {
                throw Invalid(nameof(Buckets), $"'{bucket.Name}' is not a valid bucket name: {problem}");
            }
        }

        foreach (var hook in PolicyHooks)
        {
            if (!BucketNames.IsValid(hook.Bucket, out var problem))
            {
                throw Invalid(nameof(PolicyHooks), $"'{hook.Bucket}' is not a valid bucket name: {problem}");
            }

            if (!PolicyDocuments.IsJsonObject(hook.PolicyJson))
            {
                throw Invalid(nameof(PolicyHooks), $"the policy for bucket '{hook.Bucket}' is not a JSON object.");
            }
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private StaticPublishException Invalid(string property, string problem) =>
        new(ErrorCodes.InvalidSetting, $"{SettingName?.Invoke(property) ?? "The S3 storage setting " + property} {problem}");
}
