using System.Diagnostics;
using System.Text;
using StaticPublish.Core.Errors;
using static StaticPublish.Core.Storage.S3DoctorCheck;

namespace StaticPublish.Core.Storage;

/// <summary>
/// Checks a configured endpoint end to end with a real PUT, HEAD, GET, presigned GET and DELETE of a probe object
/// under <c>{prefix}/_staticpublish/doctor/</c>, and reports on addressing style, clock skew, CORS and request
/// checksums. Known provider errors come back with a diagnosis and a fix. Never throws for a failing store.
/// </summary>
public static class S3Doctor
{
    /// <summary>The folder, under the storage's location, that probe objects are written to and deleted from.</summary>
    public const string ProbeFolder = "_staticpublish/doctor";

    private static readonly string[] ChecksAfterPut = ["HEAD", "GET", "presigned GET", "clock skew", "CORS", "DELETE", "checksums"];

    /// <summary>Runs every check against the storage's endpoint and bucket.</summary>
    /// <param name="storage">The configured storage; the probe object is written under its location.</param>
    /// <param name="corsOrigin">The origin a cross-origin GET is sent from, or null to skip the CORS check.</param>
    /// <param name="baseUrl">Where browsers get the assets (a CDN), for the CORS check; defaults to the newest release's base URL.</param>
    /// <param name="cancellationToken">Cancels the checks (an <see cref="OperationCanceledException"/> is thrown).</param>
    public static async Task<S3DoctorReport> RunAsync(
        S3Storage storage, string? corsOrigin = CorsProbe.ProbeOrigin, string? baseUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var store = storage.Store;
        var clock = Stopwatch.StartNew();
        var options = store.Options;
        var checks = new List<S3DoctorCheck>
        {
            new("configuration", S3DoctorStatus.Passed,
                $"endpoint {store.Endpoint}, bucket '{options.BucketName}', prefix '{options.NormalizedLocation}', region {options.Region ?? "from the SDK chain"}"),
            Addressing(options),
        };

        var bucket = await StepAsync("bucket", store, async () =>
        {
            await store.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return Passed("bucket", $"bucket '{options.BucketName}' answered a LIST");
        }).ConfigureAwait(false);
        checks.Add(bucket);

        var key = storage.GetKey($"{ProbeFolder}/{Guid.NewGuid():N}.txt");
        var content = Encoding.UTF8.GetBytes($"StaticPublish doctor probe {DateTimeOffset.UtcNow:O}\n");
        var headers = new S3ObjectHeaders { ContentType = "text/plain", CacheControl = "no-store", CannedAcl = options.DefaultAcl };
        var put = bucket.Status == S3DoctorStatus.Failed
            ? Skipped("PUT", "bucket")
            : await StepAsync("PUT", store, async () =>
            {
                using var payload = UploadPayload.FromBytes(content);
                await store.PutAsync(key, payload, headers, cancellationToken).ConfigureAwait(false);
                var acl = options.DefaultAcl is null ? "" : $", ACL {options.DefaultAcl}";
                return Passed("PUT", $"wrote '{key}' ({content.Length} bytes, Content-MD5{acl})");
            }).ConfigureAwait(false);
        checks.Add(put);
        if (put.Status is S3DoctorStatus.Failed or S3DoctorStatus.Skipped)
        {
            var reason = put.Status == S3DoctorStatus.Skipped ? "bucket" : "PUT";
            checks.AddRange(ChecksAfterPut.Select(name => Skipped(name, reason)));
            return Report(store, checks, clock);
        }

        var probes = new S3DoctorProbes(store, cancellationToken);
        checks.Add(await StepAsync("HEAD", store, () => probes.HeadAsync(key, content.Length, headers)).ConfigureAwait(false));
        checks.Add(await StepAsync("GET", store, () => probes.GetAsync(key, content)).ConfigureAwait(false));
        checks.AddRange(await probes.PresignedGetAsync(key, content).ConfigureAwait(false));
        checks.Add(await StepAsync("CORS", store, () => probes.CorsAsync(key, corsOrigin, baseUrl)).ConfigureAwait(false));
        checks.Add(await StepAsync("DELETE", store, () => probes.DeleteAsync(key)).ConfigureAwait(false));
        checks.Add(await probes.ChecksumsAsync(storage.GetKey($"{ProbeFolder}/{Guid.NewGuid():N}-trailer.txt")).ConfigureAwait(false));
        return Report(store, checks, clock);
    }

    /// <summary>What a failure most likely means, and what to do, for the errors S3-compatible stores are known to give.</summary>
    public static (string? Diagnosis, string Fix) Diagnose(StaticPublishException error, S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(options);
        var context = new S3CallContext("", S3ClientFactory.DescribeEndpoint(options), options.BucketName)
        {
            VirtualHostedCustomEndpoint = !string.IsNullOrEmpty(options.EndpointUrl) && !options.UsesPathStyle,
        };
        return S3ErrorAdvice.For(error.Code, error.InnerException, error.Code == ErrorCodes.AccessDenied ? null : context);
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

    private static async Task<S3DoctorCheck> StepAsync(string name, S3ObjectStore store, Func<Task<S3DoctorCheck>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (StaticPublishException e)
        {
            var (diagnosis, fix) = Diagnose(e, store.Options);
            return Failed(name, e.Message, e.Code, diagnosis, fix);
        }
    }

    private static S3DoctorReport Report(S3ObjectStore store, List<S3DoctorCheck> checks, Stopwatch clock) => new()
    {
        Endpoint = store.Endpoint,
        Bucket = store.Bucket,
        Checks = checks,
        Elapsed = clock.Elapsed,
    };
}
