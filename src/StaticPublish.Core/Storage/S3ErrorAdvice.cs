using Amazon.Runtime;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Storage;

/// <summary>
/// What a storage failure most likely means and what to do about it: the one table behind the fix in every error
/// message the translator builds and behind doctor's diagnosis and fix lines.
/// </summary>
internal static class S3ErrorAdvice
{
    /// <summary>The diagnosis (null when there is nothing to add to the message) and the fix, as a sentence without its final period.</summary>
    /// <param name="code">The <c>SPUB</c> code of the failure.</param>
    /// <param name="cause">The SDK or network exception behind it, when there is one.</param>
    /// <param name="context">The call that failed, when known (its permission is named in access-denied advice).</param>
    public static (string? Diagnosis, string Fix) For(string code, Exception? cause, S3CallContext? context)
    {
        if (code == ErrorCodes.ChecksumRejected || IsChecksumHeaderProblem(cause))
        {
            return ("aws-chunked trailers rejected: the store does not accept AWS SDK v4's default request checksums (Ceph RGW, Cloudflare R2, Backblaze B2 and older MinIO do not)",
                "use request checksums when required: set ChecksumsWhenRequired to true (--checksums-when-required true; it is the default with a custom endpoint), and uploads are protected by Content-MD5 instead");
        }

        if (IsThrottling(cause))
        {
            return ("the store is throttling requests (or is overloaded), and kept refusing after the SDK's retries",
                $"run again with fewer parallel requests (StaticPublishConcurrency, --concurrency; the default is {Publishing.StaticPublishOptions.DefaultConcurrency}): objects already uploaded are kept and not sent again");
        }

        if ((cause as AmazonServiceException)?.ErrorCode is "AccessControlListNotSupported")
        {
            return ("the bucket has ACLs disabled (Object Ownership: bucket owner enforced), so a canned ACL is refused",
                "publish without an ACL (remove Acl / --acl) and make the prefix public with a bucket policy: 'staticpublish init-bucket --public'");
        }

        return code switch
        {
            ErrorCodes.BucketNotFound => ("the bucket does not exist at this endpoint",
                "create it with 'staticpublish init-bucket' (or AutoCreateBucket or InitializeBucketsAsync in code), or fix the bucket name"),
            ErrorCodes.AccessDenied => ("the credentials lack a permission",
                $"grant the credentials {context?.RequiredPermission ?? "s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject"} on the bucket{(context is null ? "" : $" '{context.Bucket}'")}, or use credentials that have it"),
            ErrorCodes.EndpointUnreachable when context is { VirtualHostedCustomEndpoint: true } =>
                ("with virtual-hosted addressing the bucket's host name ('{bucket}.{endpoint host}') must resolve, and for most S3-compatible stores it does not",
                    "use path-style addressing (ForcePathStyle true, --force-path-style true), or check the endpoint URL"),
            ErrorCodes.EndpointUnreachable => ("nothing answered at the endpoint",
                "check the endpoint URL, that the server is running, and any proxy or TLS (CA bundle) settings"),
            ErrorCodes.InvalidCredentials => ("the store does not accept these credentials",
                "check that AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) are the ones for this endpoint; with a custom endpoint also check the signing region"),
            ErrorCodes.CredentialsNotFound => ("no credentials were found in the AWS SDK chain",
                "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, set AWS_PROFILE to a profile in ~/.aws/credentials, or run where an instance role is available"),
            ErrorCodes.ClockSkew => ("this machine's clock differs from the store's by more than S3 allows (15 minutes)",
                "synchronise the clock with NTP, e.g. 'timedatectl set-ntp true'"),
            ErrorCodes.BucketUnavailable => ("bucket names are global, and this one belongs to another account", "choose another bucket name"),
            ErrorCodes.ObjectNotFound => ("the object is not in the bucket", "check the name, or save it first"),
            _ => (null, "see the store's logs for why it refused the request, and run 'staticpublish doctor' to check the endpoint"),
        };
    }

    /// <summary>Whether a failure is the store asking for fewer requests: S3's 503 Slow Down, or another store's throttling code.</summary>
    private static bool IsThrottling(Exception? cause) =>
        cause is AmazonServiceException service
        && (service.ErrorCode is "SlowDown" or "ServiceUnavailable" or "Throttling" or "ThrottlingException" or "RequestLimitExceeded" or "TooManyRequests"
            || service.StatusCode is System.Net.HttpStatusCode.TooManyRequests
            || (service.StatusCode is System.Net.HttpStatusCode.ServiceUnavailable && string.IsNullOrEmpty(service.ErrorCode)));

    /// <summary>Whether a failure is the store refusing the SDK's default request checksums.</summary>
    public static bool IsChecksumProblem(StaticPublishException error) =>
        error.Code == ErrorCodes.ChecksumRejected || IsChecksumHeaderProblem(error.InnerException);

    /// <summary>The advice's fix as the end of an error message: capitalised, with its period.</summary>
    public static string Sentence(string fix) => char.ToUpperInvariant(fix[0]) + fix[1..] + ".";

    private static bool IsChecksumHeaderProblem(Exception? error)
    {
        if (error is not AmazonServiceException service)
        {
            return false;
        }

        var text = $"{service.ErrorCode} {service.Message}";
        return service.ErrorCode is "XAmzContentSHA256Mismatch" or "MissingContentLength"
            || (service.ErrorCode is "NotImplemented" or "InvalidArgument" or "InvalidRequest" or "BadRequest"
                && (text.Contains("checksum", StringComparison.OrdinalIgnoreCase) || text.Contains("x-amz-trailer", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("Unsupported header", StringComparison.OrdinalIgnoreCase) || text.Contains("STREAMING-", StringComparison.Ordinal)));
    }
}
