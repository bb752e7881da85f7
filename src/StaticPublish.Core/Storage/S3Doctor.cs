using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Storage;

/// <summary>
/// Checks a configured endpoint end to end with a real PUT, HEAD, GET, presigned GET and DELETE of a probe object
/// under <c>{prefix}/_staticpublish/doctor/</c>, and reports on addressing style, request checksums and clock skew.
/// Known provider errors come back with a diagnosis and a fix. Never throws for a failing store.
/// </summary>
public static class S3Doctor
{
    /// <summary>The folder, under the storage's location, that probe objects are written to and deleted from.</summary>
    public const string ProbeFolder = "_staticpublish/doctor";

    private static readonly string[] ChecksAfterPut = ["HEAD", "GET", "presigned GET", "clock skew", "CORS", "DELETE", "checksums"];

    /// <summary>Beyond this difference S3 rejects signed requests (RequestTimeTooSkewed).</summary>
    private static readonly TimeSpan RejectedSkew = TimeSpan.FromMinutes(15);

    /// <summary>Below this difference the clock counts as right.</summary>
    private static readonly TimeSpan ToleratedSkew = TimeSpan.FromSeconds(60);

    /// <summary>Runs every check against the storage's endpoint and bucket.</summary>
    /// <param name="storage">The configured storage; the probe object is written under its location.</param>
    /// <param name="corsOrigin">The origin a cross-origin GET is sent from, or null to skip the CORS check.</param>
    /// <param name="baseUrl">Where browsers get the assets (a CDN), for the CORS check; defaults to the newest release's base URL.</param>
    /// <param name="cancellationToken">Cancels the checks (an <see cref="OperationCanceledException"/> is thrown).</param>
    public static async Task<S3DoctorReport> RunAsync(
        S3Storage storage, string? corsOrigin = CorsProbe.ProbeOrigin, string? baseUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var clock = Stopwatch.StartNew();
        var options = storage.Options;
        var checks = new List<S3DoctorCheck>
        {
            new("configuration", S3DoctorStatus.Passed,
                $"endpoint {storage.EndpointDescription}, bucket '{options.BucketName}', prefix '{options.NormalizedLocation}', region {options.Region ?? "from the SDK chain"}"),
            Addressing(options),
        };

        var bucket = await StepAsync("bucket", storage, async () =>
        {
            await S3ErrorTranslator.RunAsync(new S3CallContext("ListObjectsV2", storage.EndpointDescription, options.BucketName),
                () => storage.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.BucketName, MaxKeys = 1 }, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            return Passed("bucket", $"bucket '{options.BucketName}' answered a LIST");
        }).ConfigureAwait(false);
        checks.Add(bucket);

        var key = storage.GetKey($"{ProbeFolder}/{Guid.NewGuid():N}.txt");
        var content = Encoding.UTF8.GetBytes($"StaticPublish doctor probe {DateTimeOffset.UtcNow:O}\n");
        var headers = new S3ObjectHeaders { ContentType = "text/plain", CacheControl = "no-store", CannedAcl = options.DefaultAcl };
        var put = bucket.Status == S3DoctorStatus.Failed
            ? Skipped("PUT", "bucket")
            : await StepAsync("PUT", storage, async () =>
            {
                using var payload = UploadPayload.FromBytes(content);
                await storage.PutAsync(key, payload, headers, cancellationToken).ConfigureAwait(false);
                var acl = options.DefaultAcl is null ? "" : $", ACL {options.DefaultAcl}";
                return Passed("PUT", $"wrote '{key}' ({content.Length} bytes, Content-MD5{acl})");
            }).ConfigureAwait(false);
        checks.Add(put);
        if (put.Status is S3DoctorStatus.Failed or S3DoctorStatus.Skipped)
        {
            var reason = put.Status == S3DoctorStatus.Skipped ? "bucket" : "PUT";
            checks.AddRange(ChecksAfterPut.Select(name => Skipped(name, reason)));
            return Report(storage, checks, clock);
        }

        checks.Add(await StepAsync("HEAD", storage, () => HeadAsync(storage, key, content.Length, headers, cancellationToken)).ConfigureAwait(false));
        checks.Add(await StepAsync("GET", storage, async () =>
        {
            var bytes = await storage.GetBytesOrNullAsync(key, cancellationToken).ConfigureAwait(false);
            return bytes is not null && bytes.AsSpan().SequenceEqual(content)
                ? Passed("GET", $"read the {content.Length} bytes back unchanged")
                : Failed("GET", bytes is null ? "the object was not found right after it was written" : $"read {bytes.Length} bytes that differ from the {content.Length} written",
                    ErrorCodes.RequestFailed, "the store does not return what it stored", "see the store's logs");
        }).ConfigureAwait(false));
        checks.AddRange(await PresignedGetAsync(storage, key, content, cancellationToken).ConfigureAwait(false));
        checks.Add(await CorsAsync(storage, key, corsOrigin, baseUrl, cancellationToken).ConfigureAwait(false));
        checks.Add(await StepAsync("DELETE", storage, async () =>
        {
            await S3ErrorTranslator.RunAsync(new S3CallContext("DeleteObject", storage.EndpointDescription, options.BucketName, key),
                () => storage.Client.DeleteObjectAsync(options.BucketName, key, cancellationToken), cancellationToken).ConfigureAwait(false);
            return await storage.HeadOrNullAsync(key, cancellationToken).ConfigureAwait(false) is null
                ? Passed("DELETE", "deleted the probe object; a HEAD confirms it is gone")
                : Failed("DELETE", $"'{key}' is still there after DELETE", ErrorCodes.RequestFailed, "the store did not apply the delete", "see the store's logs, and remove the probe object by hand");
        }).ConfigureAwait(false));
        checks.Add(await ChecksumsAsync(storage, cancellationToken).ConfigureAwait(false));
        return Report(storage, checks, clock);
    }

    /// <summary>What a failure most likely means, and what to do, for the errors S3-compatible stores are known to give.</summary>
    public static (string? Diagnosis, string Fix) Diagnose(StaticPublishException error, S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(options);
        if (error.Code == ErrorCodes.ChecksumRejected || IsChecksumHeaderProblem(error.InnerException))
        {
            return ("aws-chunked trailers rejected: the store does not accept AWS SDK v4's default request checksums (Ceph RGW, Cloudflare R2, Backblaze B2 and older MinIO do not)",
                "use request checksums when required: set ChecksumsWhenRequired to true (--checksums-when-required true; it is the default with a custom endpoint). Uploads are then protected by Content-MD5.");
        }

        var storeCode = (error.InnerException as AmazonServiceException)?.ErrorCode;
        if (storeCode is "AccessControlListNotSupported")
        {
            return ("the bucket has ACLs disabled (Object Ownership: bucket owner enforced), so a canned ACL is refused",
                "publish without an ACL (remove Acl / --acl) and make the prefix public with a bucket policy: 'staticpublish init-bucket --public'");
        }

        return error.Code switch
        {
            ErrorCodes.BucketNotFound => ("the bucket does not exist at this endpoint", "create it with 'staticpublish init-bucket', or fix the bucket name"),
            ErrorCodes.ClockSkew => ("this machine's clock differs from the store's by more than S3 allows (15 minutes)", "synchronise the clock with NTP, e.g. 'timedatectl set-ntp true'"),
            ErrorCodes.EndpointUnreachable when !string.IsNullOrEmpty(options.EndpointUrl) && !options.UsesPathStyle =>
                ("with virtual-hosted addressing the bucket's host name ('{bucket}.{endpoint host}') must resolve, and for most S3-compatible stores it does not",
                    "use path-style addressing (ForcePathStyle true, --force-path-style true), or check the endpoint URL"),
            ErrorCodes.EndpointUnreachable => ("nothing answered at the endpoint", "check the endpoint URL, that the server is running, and any proxy or TLS (CA bundle) settings"),
            ErrorCodes.InvalidCredentials => ("the store does not accept these credentials",
                "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) are the ones for this endpoint; with a custom endpoint also check the signing region"),
            ErrorCodes.CredentialsNotFound => ("no credentials were found in the AWS SDK chain", "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run with an instance role"),
            ErrorCodes.AccessDenied => ("the credentials lack a permission", "grant s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject on the bucket"),
            _ => (null, "see the store's logs for why it refused the request"),
        };
    }

    private static S3DoctorCheck Addressing(S3StorageOptions options)
    {
        var style = options.UsesPathStyle ? "path-style" : "virtual-hosted";
        var why = options.AddressingStyle switch
        {
            S3AddressingStyle.Path => "forced",
            S3AddressingStyle.Virtual => "forced",
            _ => string.IsNullOrEmpty(options.EndpointUrl) ? "automatic for AWS" : "automatic with a custom endpoint",
        };
        if (!options.UsesPathStyle && options.BucketName.Contains('.', StringComparison.Ordinal) && (options.UseSsl || string.IsNullOrEmpty(options.EndpointUrl)))
        {
            return new("addressing", S3DoctorStatus.Warning, $"{style} ({why}), but the bucket name has dots",
                Diagnosis: "a bucket name with dots does not match the wildcard TLS certificate of virtual-hosted S3 URLs",
                Fix: "use path-style addressing (ForcePathStyle true, --force-path-style true), or a bucket name without dots");
        }

        return Passed("addressing", $"{style} ({why})");
    }

    private static async Task<S3DoctorCheck> HeadAsync(S3Storage storage, string key, long length, S3ObjectHeaders sent, CancellationToken cancellationToken)
    {
        var head = await storage.HeadOrNullAsync(key, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return Failed("HEAD", $"'{key}' was not found right after it was written", ErrorCodes.ObjectNotFound,
                "the store did not keep the object, or reads are not consistent with writes", "see the store's logs");
        }

        var problems = new List<string>();
        if (head.ContentLength != length)
        {
            problems.Add($"size {head.ContentLength}, not {length}");
        }

        if (!string.Equals(head.Headers.ContentType, sent.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Content-Type '{head.Headers.ContentType}', not '{sent.ContentType}'");
        }

        if (!Text.CacheControlHeader.AreEquivalent(head.Headers.CacheControl, sent.CacheControl))
        {
            problems.Add($"Cache-Control '{head.Headers.CacheControl}', not '{sent.CacheControl}'");
        }

        return problems.Count == 0
            ? Passed("HEAD", "size, Content-Type and Cache-Control round-trip")
            : Failed("HEAD", "the object came back with " + string.Join(", ", problems), ErrorCodes.RequestFailed,
                "the store does not keep the headers it was given, so browsers and CDNs would get wrong ones",
                "check the store's settings (or a proxy in front of it) for header rewriting");
    }

    private static async Task<IReadOnlyList<S3DoctorCheck>> PresignedGetAsync(S3Storage storage, string key, byte[] content, CancellationToken cancellationToken)
    {
        var options = storage.Options;
        string url;
        try
        {
            url = await storage.PresignGetAsync(key, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            return [Failed("presigned GET", $"no presigned URL could be made: {e.Message}", ErrorCodes.CredentialsNotFound,
                "presigning needs credentials", "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE"), Skipped("clock skew", "presigned GET")];
        }

        using var http = storage.CreateHttpClient(TimeSpan.FromSeconds(30));
        var before = DateTimeOffset.UtcNow;
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return [Failed("presigned GET", $"the presigned URL could not be fetched: {e.Message}", ErrorCodes.EndpointUnreachable,
                "the endpoint answers the SDK but not a plain HTTP GET of the presigned URL", "check proxies and TLS settings between here and the endpoint"), Skipped("clock skew", "presigned GET")];
        }

        var after = DateTimeOffset.UtcNow;
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var get = response.IsSuccessStatusCode && body.AsSpan().SequenceEqual(content)
                ? Passed("presigned GET", $"HTTP {(int)response.StatusCode} with the bytes written, without SDK credentials")
                : Failed("presigned GET", $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" + (response.IsSuccessStatusCode ? " with other bytes" : ""),
                    ErrorCodes.RequestFailed,
                    "the store rejects SigV4 presigned URLs made for this endpoint (often a region or host mismatch, or a proxy rewriting the Host header)",
                    "check the region (it must be the store's signing region) and that the endpoint URL is the one clients use");
            return [get, ClockSkew(response.Headers.Date, before, after)];
        }
    }

    /// <summary>
    /// A cross-origin GET of a published object (one of the newest release's, so the CDN can be asked too), or of the
    /// probe object when nothing is published under the prefix yet.
    /// </summary>
    private static async Task<S3DoctorCheck> CorsAsync(S3Storage storage, string probeKey, string? origin, string? baseUrl, CancellationToken cancellationToken)
    {
        if (origin is null)
        {
            return new("CORS", S3DoctorStatus.Skipped, "not run: CORS checks are off");
        }

        var (key, publicUrl) = await PublishedObjectAsync(storage, baseUrl, cancellationToken).ConfigureAwait(false) ?? (probeKey, null);
        IReadOnlyList<(CorsProbeResult Result, bool Required)> results;
        try
        {
            results = await CorsProbe.CheckObjectAsync(storage, key, publicUrl, origin, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            return new("CORS", S3DoctorStatus.Skipped, $"not run: no presigned URL could be made ({e.Message})");
        }

        var detail = string.Join("; ", results.Select(r => r.Required || r.Result.Reachable ? r.Result.ToString() : $"{r.Result} (not required)"));
        return results.All(r => r.Result.Allowed || !r.Required)
            ? Passed("CORS", detail)
            : Failed("CORS", detail, ErrorCodes.CorsCheckFailed,
                "pages on other origins cannot use these objects: browsers block integrity-checked CSS and JS, fonts and JS modules without a matching Access-Control-Allow-Origin",
                CorsProbe.Fix);
    }

    /// <summary>A fingerprinted object of the newest release under the prefix and its URL through the base URL, or null.</summary>
    private static async Task<(string Key, string? PublicUrl)?> PublishedObjectAsync(S3Storage storage, string? baseUrl, CancellationToken cancellationToken)
    {
        var history = new Publishing.ReleaseHistory(storage);
        var listing = await storage.ListObjectsAsync(history.OwnPrefix + "apps/", cancellationToken).ConfigureAwait(false);
        foreach (var reference in history.FromListing(listing).Take(3))
        {
            try
            {
                if (await history.ReadAsync(reference, cancellationToken).ConfigureAwait(false) is { } record
                    && record.Manifest.Assets.Values.FirstOrDefault(e => e.Fingerprinted) is { } entry)
                {
                    var through = baseUrl ?? record.Manifest.BaseUrl;
                    return (entry.Key, (through.EndsWith('/') ? through : through + "/") + entry.Path);
                }
            }
            catch (StaticPublishException e) when (e.Code == ErrorCodes.ManifestUnreadable)
            {
                // A damaged record is prune's and publish's concern; doctor just looks at the next one.
            }
        }

        return null;
    }

    private static S3DoctorCheck ClockSkew(DateTimeOffset? serverDate, DateTimeOffset before, DateTimeOffset after)
    {
        if (serverDate is not { } date)
        {
            return new("clock skew", S3DoctorStatus.Warning, "the store sent no Date header, so the clock could not be compared");
        }

        var local = before + ((after - before) / 2);
        var skew = date - local;
        var magnitude = skew.Duration();
        var text = string.Create(CultureInfo.InvariantCulture, $"the store's clock is {magnitude.TotalSeconds:0} s {(skew < TimeSpan.Zero ? "behind" : "ahead of")} this machine's");

        // The Date header has whole seconds, so differences under a second are noise.
        if (magnitude < ToleratedSkew)
        {
            return Passed("clock skew", magnitude < TimeSpan.FromSeconds(2) ? "the store's clock agrees with this machine's (within 1 s)" : text);
        }

        return magnitude < RejectedSkew
            ? new("clock skew", S3DoctorStatus.Warning, text, ErrorCodes.ClockSkew,
                "requests still work, but S3 rejects signatures beyond 15 minutes of skew and presigned URLs expire early or late",
                "synchronise the clock with NTP, e.g. 'timedatectl set-ntp true'")
            : Failed("clock skew", text, ErrorCodes.ClockSkew, "S3 rejects requests signed more than 15 minutes off the store's clock",
                "synchronise the clock with NTP, e.g. 'timedatectl set-ntp true'");
    }

    /// <summary>
    /// Probes once whether the store accepts AWS SDK v4's default request checksums (aws-chunked with a checksum
    /// trailer), which S3-compatible stores often reject. StaticPublish's own uploads never use them, but with
    /// checksums always on other SDK requests would.
    /// </summary>
    private static async Task<S3DoctorCheck> ChecksumsAsync(S3Storage storage, CancellationToken cancellationToken)
    {
        var options = storage.Options;

        // What the client really does: AWS_REQUEST_CHECKSUM_CALCULATION can turn checksums-when-required on too.
        var whenRequired = storage.Client.Config.RequestChecksumCalculation == RequestChecksumCalculation.WHEN_REQUIRED;
        var mode = whenRequired
            ? "request checksums only when required, uploads protected by Content-MD5"
            : "AWS SDK default request checksums (ChecksumsWhenRequired is off)";
        var key = storage.GetKey($"{ProbeFolder}/{Guid.NewGuid():N}-trailer.txt");
        var config = S3ClientFactory.CreateConfig(options);
        config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_SUPPORTED;
        var credentials = S3ClientFactory.ResolveCredentials(options);
        using var sdkDefaults = credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);

        // Naming the algorithm makes the SDK stream a CRC32 trailer, as its defaults do, even when
        // AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED is set (which outranks the client setting).
        var probe = new PutObjectRequest
        {
            BucketName = options.BucketName,
            Key = key,
            ContentBody = "StaticPublish doctor checksum probe\n",
            ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
        };
        try
        {
            await S3ErrorTranslator.RunAsync(new S3CallContext("PutObject", storage.EndpointDescription, options.BucketName, key),
                () => sdkDefaults.PutObjectAsync(probe, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (StaticPublishException e)
        {
            var (diagnosis, fix) = Diagnose(e, options);
            if (diagnosis is null || !diagnosis.StartsWith("aws-chunked", StringComparison.Ordinal))
            {
                return new("checksums", S3DoctorStatus.Warning, $"{mode}; a probe with the SDK's default checksums failed for another reason: {e.Code}: {e.Message}");
            }

            var code = e.InnerException is AmazonServiceException { ErrorCode: { Length: > 0 } storeCode } ? $" ({storeCode})" : "";
            return whenRequired
                ? Passed("checksums", $"{mode}; needed here, because the store rejects the SDK's default aws-chunked checksum trailers{code}") with
                {
                    Diagnosis = "aws-chunked trailers rejected",
                    Fix = "use request checksums when required (already on: keep ChecksumsWhenRequired unset or true)",
                }
                : Failed("checksums", $"{mode}, but the store rejects the SDK's default aws-chunked checksum trailers{code}", ErrorCodes.ChecksumRejected, diagnosis, fix);
        }

        await S3ErrorTranslator.RunAsync(new S3CallContext("DeleteObject", storage.EndpointDescription, options.BucketName, key),
            () => storage.Client.DeleteObjectAsync(options.BucketName, key, cancellationToken), cancellationToken).ConfigureAwait(false);
        return Passed("checksums", $"{mode}; the store also accepts the SDK's default aws-chunked checksum trailers");
    }

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

    private static async Task<S3DoctorCheck> StepAsync(string name, S3Storage storage, Func<Task<S3DoctorCheck>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (StaticPublishException e)
        {
            var (diagnosis, fix) = Diagnose(e, storage.Options);
            return Failed(name, e.Message, e.Code, diagnosis, fix);
        }
    }

    private static S3DoctorReport Report(S3Storage storage, List<S3DoctorCheck> checks, Stopwatch clock) => new()
    {
        Endpoint = storage.EndpointDescription,
        Bucket = storage.Options.BucketName,
        Checks = checks,
        Elapsed = clock.Elapsed,
    };

    private static S3DoctorCheck Passed(string name, string detail) => new(name, S3DoctorStatus.Passed, detail);

    private static S3DoctorCheck Failed(string name, string detail, string code, string? diagnosis, string fix) =>
        new(name, S3DoctorStatus.Failed, detail, code, diagnosis, fix);

    private static S3DoctorCheck Skipped(string name, string failed) => new(name, S3DoctorStatus.Skipped, $"not run: the {failed} check failed");
}
