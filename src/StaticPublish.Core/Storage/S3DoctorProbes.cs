using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using static StaticPublish.Core.Storage.S3DoctorCheck;

namespace StaticPublish.Core.Storage;

/// <summary>The checks <see cref="S3Doctor"/> runs on its probe object, each one line of its report.</summary>
internal sealed class S3DoctorProbes(S3ObjectStore store, CancellationToken cancellationToken)
{
    /// <summary>Beyond this difference S3 rejects signed requests (RequestTimeTooSkewed).</summary>
    private static readonly TimeSpan RejectedSkew = TimeSpan.FromMinutes(15);

    /// <summary>Below this difference the clock counts as right.</summary>
    private static readonly TimeSpan ToleratedSkew = TimeSpan.FromSeconds(60);

    private const string SeeTheLogs = "see the store's logs";

    public async Task<S3DoctorCheck> HeadAsync(string key, long length, S3ObjectHeaders sent)
    {
        var head = await store.HeadOrNullAsync(key, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return Failed("HEAD", $"'{key}' was not found right after it was written", ErrorCodes.ObjectNotFound,
                "the store did not keep the object, or reads are not consistent with writes", SeeTheLogs);
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

    public async Task<S3DoctorCheck> GetAsync(string key, byte[] content)
    {
        var bytes = await store.GetBytesOrNullAsync(key, cancellationToken).ConfigureAwait(false);
        return bytes is not null && bytes.AsSpan().SequenceEqual(content)
            ? Passed("GET", $"read the {content.Length} bytes back unchanged")
            : Failed("GET", bytes is null ? "the object was not found right after it was written" : $"read {bytes.Length} bytes that differ from the {content.Length} written",
                ErrorCodes.RequestFailed, "the store does not return what it stored", SeeTheLogs);
    }

    /// <summary>A presigned GET without SDK credentials, and the clock skew from the store's <c>Date</c> header.</summary>
    public async Task<IReadOnlyList<S3DoctorCheck>> PresignedGetAsync(string key, byte[] content)
    {
        string url;
        try
        {
            url = await store.PresignGetAsync(key, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            return [Failed("presigned GET", $"no presigned URL could be made: {e.Message}", ErrorCodes.CredentialsNotFound,
                "presigning needs credentials", "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE"), Skipped("clock skew", "presigned GET")];
        }

        using var http = store.CreateHttpClient(TimeSpan.FromSeconds(30));
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
    public async Task<S3DoctorCheck> CorsAsync(string probeKey, string? origin, string? baseUrl)
    {
        if (origin is null)
        {
            return new("CORS", S3DoctorStatus.Skipped, "not run: CORS checks are off");
        }

        var (key, publicUrl) = await PublishedObjectAsync(baseUrl).ConfigureAwait(false) ?? (probeKey, null);
        IReadOnlyList<(CorsProbeResult Result, bool Required)> results;
        try
        {
            results = await CorsProbe.CheckObjectAsync(store, key, publicUrl, origin, cancellationToken).ConfigureAwait(false);
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

    public async Task<S3DoctorCheck> DeleteAsync(string key)
    {
        await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        return await store.HeadOrNullAsync(key, cancellationToken).ConfigureAwait(false) is null
            ? Passed("DELETE", "deleted the probe object; a HEAD confirms it is gone")
            : Failed("DELETE", $"'{key}' is still there after DELETE", ErrorCodes.RequestFailed, "the store did not apply the delete", SeeTheLogs + ", and remove the probe object by hand");
    }

    /// <summary>
    /// Probes once whether the store accepts AWS SDK v4's default request checksums (aws-chunked with a checksum
    /// trailer), which S3-compatible stores often reject. StaticPublish's own uploads never use them, but with
    /// checksums always on other SDK requests would.
    /// </summary>
    public async Task<S3DoctorCheck> ChecksumsAsync(string key)
    {
        // What the client really does: AWS_REQUEST_CHECKSUM_CALCULATION can turn checksums-when-required on too.
        var whenRequired = store.Client.Config.RequestChecksumCalculation == RequestChecksumCalculation.WHEN_REQUIRED;
        var mode = whenRequired
            ? "request checksums only when required, uploads protected by Content-MD5"
            : "AWS SDK default request checksums (ChecksumsWhenRequired is off)";
        using var sdkDefaults = S3ClientFactory.CreateClient(store.Options, config => config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_SUPPORTED);

        // Naming the algorithm makes the SDK stream a CRC32 trailer, as its defaults do, even when
        // AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED is set (which outranks the client setting).
        var probe = new PutObjectRequest { BucketName = store.Bucket, Key = key, ContentBody = "StaticPublish doctor checksum probe\n", ChecksumAlgorithm = ChecksumAlgorithm.CRC32 };
        try
        {
            await S3ErrorTranslator.RunAsync(store.Context("PutObject", key), () => sdkDefaults.PutObjectAsync(probe, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (StaticPublishException e)
        {
            if (!S3ErrorAdvice.IsChecksumProblem(e))
            {
                return new("checksums", S3DoctorStatus.Warning, $"{mode}; a probe with the SDK's default checksums failed for another reason: {e.Code}: {e.Message}");
            }

            var code = e.InnerException is AmazonServiceException { ErrorCode: { Length: > 0 } storeCode } ? $" ({storeCode})" : "";
            var (diagnosis, fix) = S3ErrorAdvice.For(ErrorCodes.ChecksumRejected, e.InnerException, null);
            return whenRequired
                ? Passed("checksums", $"{mode}; needed here, because the store rejects the SDK's default aws-chunked checksum trailers{code}") with
                {
                    Diagnosis = "aws-chunked trailers rejected",
                    Fix = "use request checksums when required (already on: keep ChecksumsWhenRequired unset or true)",
                }
                : Failed("checksums", $"{mode}, but the store rejects the SDK's default aws-chunked checksum trailers{code}", ErrorCodes.ChecksumRejected, diagnosis, fix);
        }

        await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        return Passed("checksums", $"{mode}; the store also accepts the SDK's default aws-chunked checksum trailers");
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

        var (diagnosis, fix) = S3ErrorAdvice.For(ErrorCodes.ClockSkew, null, null);
        return magnitude < RejectedSkew
            ? new("clock skew", S3DoctorStatus.Warning, text, ErrorCodes.ClockSkew,
                "requests still work, but S3 rejects signatures beyond 15 minutes of skew and presigned URLs expire early or late", fix)
            : Failed("clock skew", text, ErrorCodes.ClockSkew, diagnosis, fix);
    }

    /// <summary>A fingerprinted object of the newest release under the prefix and its URL through the base URL, or null.</summary>
    private async Task<(string Key, string? PublicUrl)?> PublishedObjectAsync(string? baseUrl)
    {
        var history = new ReleaseHistory(store);
        var listing = await store.ListAsync(history.OwnPrefix + "apps/", cancellationToken).ConfigureAwait(false);
        foreach (var reference in history.FromListing(listing).Take(3))
        {
            try
            {
                if (await history.ReadRecordAsync(reference, cancellationToken).ConfigureAwait(false) is { } record
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
}
