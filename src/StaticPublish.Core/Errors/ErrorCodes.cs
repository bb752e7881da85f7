namespace StaticPublish.Core.Errors;

/// <summary>
/// Every <c>SPUB</c> code StaticPublish reports. The numbers are stable: tools and docs refer to them.
/// 0xxx is the environment, 1xxx storage and network, 2xxx invalid input.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The local S3 test server could not be started or reached.</summary>
    public const string TestServerUnavailable = "SPUB0001";

    /// <summary>The bucket does not exist.</summary>
    public const string BucketNotFound = "SPUB1001";

    /// <summary>The credentials are valid but not allowed to do this.</summary>
    public const string AccessDenied = "SPUB1002";

    /// <summary>The S3 endpoint did not answer (DNS, connection refused, TLS or timeout).</summary>
    public const string EndpointUnreachable = "SPUB1003";

    /// <summary>The access key is unknown or the secret key does not match it.</summary>
    public const string InvalidCredentials = "SPUB1004";

    /// <summary>The object does not exist.</summary>
    public const string ObjectNotFound = "SPUB1005";

    /// <summary>The store answered with an error StaticPublish has no specific advice for.</summary>
    public const string RequestFailed = "SPUB1006";

    /// <summary>The store rejected a checksum or payload hash (often aws-chunked trailers on S3-compatible stores).</summary>
    public const string ChecksumRejected = "SPUB1007";

    /// <summary>The local clock differs too much from the store's.</summary>
    public const string ClockSkew = "SPUB1008";

    /// <summary>No AWS credentials were found in the SDK credential chain or the named profile.</summary>
    public const string CredentialsNotFound = "SPUB1009";

    /// <summary>The bucket name is taken by another account, or could not be created.</summary>
    public const string BucketUnavailable = "SPUB1010";

    /// <summary>Objects in the bucket do not match the manifest: missing, or with other size, headers or bytes.</summary>
    public const string VerificationFailed = "SPUB1011";

    /// <summary>Objects a publish wrote or relied on are not in the bucket when it checks them; no manifest names them.</summary>
    public const string ObjectsMissingAfterUpload = "SPUB1012";

    /// <summary>Warning: the store refused to read or change the bucket's CORS configuration during a publish.</summary>
    public const string CorsNotConfigured = "SPUB1013";

    /// <summary>A cross-origin GET of a published object did not get a matching Access-Control-Allow-Origin.</summary>
    public const string CorsCheckFailed = "SPUB1014";

    /// <summary>Prune refused: a release it must keep has a missing or unreadable record, so what it protects is unknown.</summary>
    public const string ReleaseRecordMissing = "SPUB1015";

    /// <summary>A storage name is empty, too long, or would escape the configured location.</summary>
    public const string InvalidKeyName = "SPUB2001";

    /// <summary>A private key PEM could not be read, or is not an RSA or ECDSA P-256 key.</summary>
    public const string InvalidPrivateKey = "SPUB2002";

    /// <summary>A setting has a missing or invalid value.</summary>
    public const string InvalidSetting = "SPUB2003";

    /// <summary>A URL given for signing is not absolute, has a fragment, or already carries signing parameters.</summary>
    public const string InvalidSigningUrl = "SPUB2004";

    /// <summary>A manifest (the SDK's static web assets manifest, or StaticPublish's) could not be read or is inconsistent.</summary>
    public const string ManifestUnreadable = "SPUB2005";

    /// <summary>A publish would delete more objects than the max-deletes guard allows.</summary>
    public const string TooManyDeletes = "SPUB2006";

    /// <summary>Warning: a relative reference in a CSS or JS file points at no collected asset; it is left as written.</summary>
    public const string MissingReference = "SPUB2101";

    /// <summary>Warning: CSS files reference each other in a cycle; the references inside the cycle are left as written.</summary>
    public const string ReferenceCycle = "SPUB2102";

    /// <summary>Warning: prune would delete more than the max-deletes guard allows, so it deleted nothing.</summary>
    public const string PruneSkipped = "SPUB2103";

    /// <summary>Warning: assets with these extensions are stored as application/octet-stream, which browsers do not render.</summary>
    public const string ContentTypeFallback = "SPUB2104";

    /// <summary>Warning: there was nothing to publish, so nothing was written.</summary>
    public const string NothingToPublish = "SPUB2105";

    /// <summary>Warning: files of a plain folder were left out (dotfiles, links leading out of the folder or nowhere).</summary>
    public const string FilesLeftOut = "SPUB2106";

    /// <summary>The folder looks like an app's publish output, not a folder of static assets; publishing it would expose the app.</summary>
    public const string NotAnAssetFolder = "SPUB2007";

    /// <summary>A publish rule (a StaticPublishRule item or a rule in staticpublish.json) has an unknown field or an invalid value.</summary>
    public const string InvalidRule = "SPUB2008";

    /// <summary>The publish was cancelled; nothing was written locally.</summary>
    public const string Cancelled = "SPUB0002";

    /// <summary>The MSBuild task assembly is missing (raised by the targets, before any task runs).</summary>
    public const string TaskAssemblyMissing = "SPUB0003";

    /// <summary>A local file or folder could not be read or written (permissions, a dangling link, a full disk).</summary>
    public const string LocalFileFailed = "SPUB0004";

    /// <summary>The build runs in .NET Framework MSBuild (Visual Studio), which cannot load the net10.0 task (raised by the targets).</summary>
    public const string FrameworkMSBuild = "SPUB0005";
}
