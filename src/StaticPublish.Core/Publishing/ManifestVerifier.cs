using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Text;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// Checks that every object a manifest names (each entry, and its original-name copy) is in the bucket with the
/// manifest's size, Content-Type, Content-Encoding and Cache-Control (one HEAD per object), and with <c>deep</c> also
/// downloads each object and checks the decoded bytes against the SRI integrity hash. With a CORS origin it also asks
/// for one object the way a browser on that origin does, from the bucket and from the manifest's base URL. Run it
/// before deploying the app that reads the manifest.
/// </summary>
public static class ManifestVerifier
{
    /// <summary>Verifies <paramref name="manifest"/> against the storage's bucket. Keys are used as written in the manifest.</summary>
    /// <param name="storage">The bucket to check; its location is not used, because manifest keys carry the prefix.</param>
    /// <param name="manifest">The manifest a publish wrote.</param>
    /// <param name="deep">Also download every object and check its integrity hash.</param>
    /// <param name="concurrency">How many objects are checked at once.</param>
    /// <param name="onChecked">Called after each object is checked (from several threads), for progress displays; an original-name copy comes as its entry with its key.</param>
    /// <param name="corsOrigin">The origin to send a cross-origin GET from, or null to skip the CORS check.</param>
    /// <param name="baseUrl">Where browsers get the assets (a CDN), for the CORS check; defaults to the manifest's base URL.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <exception cref="StaticPublishException">A request failed for another reason than a missing object (access denied, unreachable, ...).</exception>
    public static async Task<ManifestVerificationReport> VerifyAsync(
        S3Storage storage,
        AssetManifest manifest,
        bool deep = false,
        int concurrency = StaticPublishOptions.DefaultConcurrency,
        Action<AssetManifestEntry>? onChecked = null,
        string? corsOrigin = null,
        string? baseUrl = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var store = storage.Store;
        var clock = Stopwatch.StartNew();
        var mismatches = new ConcurrentBag<ManifestMismatch>();
        await Parallel.ForEachAsync(manifest.Assets, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (pair, token) =>
            {
                foreach (var (entry, found) in await CheckAsync(store, pair.Key, pair.Value, deep, token).ConfigureAwait(false))
                {
                    foreach (var mismatch in found)
                    {
                        mismatches.Add(mismatch);
                    }

                    onChecked?.Invoke(entry);
                }
            }).ConfigureAwait(false);

        // One fingerprinted object stands for them all: CORS is configured per bucket (and per CDN), not per object.
        var sample = manifest.Assets.Values.FirstOrDefault(e => e.Fingerprinted) ?? manifest.Assets.Values.FirstOrDefault();
        var through = baseUrl ?? manifest.BaseUrl;
        var cors = corsOrigin is null || sample is null
            ? []
            : await CorsProbe.CheckObjectAsync(store, sample.Key, (through.EndsWith('/') ? through : through + "/") + sample.Path, corsOrigin, cancellationToken).ConfigureAwait(false);
        return new ManifestVerificationReport
        {
            Bucket = store.Bucket,
            Release = manifest.Release,
            Checked = manifest.Assets.Values.Sum(e => e.Original is null ? 1 : 2),
            Bytes = manifest.Assets.Values.Sum(e => e.Original is null ? e.Size : 2 * e.Size),
            Deep = deep,
            Mismatches = [.. mismatches.OrderBy(m => m.Key, StringComparer.Ordinal).ThenBy(m => m.Kind)],
            CorsChecks = cors,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>Checks an entry's object and its original-name copy, which is described by the same entry but for key and Cache-Control.</summary>
    private static async Task<List<(AssetManifestEntry Object, List<ManifestMismatch> Found)>> CheckAsync(
        S3ObjectStore store, string path, AssetManifestEntry entry, bool deep, CancellationToken cancellationToken)
    {
        var objects = entry.Original is { } original ? [entry, entry with { Key = original.Key, CacheControl = original.CacheControl }] : new[] { entry };
        var results = new List<(AssetManifestEntry, List<ManifestMismatch>)>();
        foreach (var item in objects)
        {
            results.Add((item, await CheckObjectAsync(store, path, item, deep, cancellationToken).ConfigureAwait(false)));
        }

        return results;
    }

    private static async Task<List<ManifestMismatch>> CheckObjectAsync(S3ObjectStore store, string path, AssetManifestEntry entry, bool deep, CancellationToken cancellationToken)
    {
        var found = new List<ManifestMismatch>();
        var head = await store.HeadOrNullAsync(entry.Key, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            found.Add(new ManifestMismatch(path, entry.Key, ManifestMismatchKind.Missing, null, null));
            return found;
        }

        void Compare(ManifestMismatchKind kind, string? expected, string? actual, bool equal)
        {
            if (!equal)
            {
                found.Add(new ManifestMismatch(path, entry.Key, kind, expected, actual));
            }
        }

        var contentType = NullIfEmpty(head.Headers.ContentType);
        var contentEncoding = NullIfEmpty(head.Headers.ContentEncoding);
        var cacheControl = NullIfEmpty(head.Headers.CacheControl);
        Compare(ManifestMismatchKind.Size, entry.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            head.ContentLength.ToString(System.Globalization.CultureInfo.InvariantCulture), head.ContentLength == entry.Size);
        Compare(ManifestMismatchKind.ContentType, entry.ContentType, contentType, string.Equals(entry.ContentType, contentType, StringComparison.OrdinalIgnoreCase));
        Compare(ManifestMismatchKind.ContentEncoding, entry.ContentEncoding, contentEncoding,
            string.Equals(NullIfEmpty(entry.ContentEncoding), contentEncoding, StringComparison.OrdinalIgnoreCase));
        Compare(ManifestMismatchKind.CacheControl, entry.CacheControl, cacheControl, CacheControlHeader.AreEquivalent(entry.CacheControl, cacheControl));
        if (deep)
        {
            var integrity = await ComputeIntegrityAsync(store, entry, cancellationToken).ConfigureAwait(false);
            Compare(ManifestMismatchKind.Integrity, entry.Integrity, integrity, string.Equals(entry.Integrity, integrity, StringComparison.Ordinal));
        }

        return found;
    }

    /// <summary>The SRI hash of the object's bytes after decoding, with the algorithm the manifest entry uses.</summary>
    private static async Task<string> ComputeIntegrityAsync(S3ObjectStore store, AssetManifestEntry entry, CancellationToken cancellationToken)
    {
        var dash = entry.Integrity.IndexOf('-', StringComparison.Ordinal);
        var algorithm = (dash < 0 ? "" : entry.Integrity[..dash]) switch
        {
            "sha256" => HashAlgorithmName.SHA256,
            "sha512" => HashAlgorithmName.SHA512,
            "sha384" => HashAlgorithmName.SHA384,
            _ => throw new StaticPublishException(ErrorCodes.ManifestUnreadable,
                $"The manifest entry for '{entry.Key}' has the integrity '{entry.Integrity}', which is not a sha256, sha384 or sha512 SRI hash. Publish again to rewrite the manifest."),
        };

        return await store.ReadAsync(entry.Key, async response =>
        {
            using var hash = IncrementalHash.CreateHash(algorithm);
            var gzip = string.Equals(response.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase);
            try
            {
                await using var body = gzip ? new GZipStream(response.ResponseStream, CompressionMode.Decompress) : response.ResponseStream;
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
            catch (InvalidDataException)
            {
                return "(not valid gzip)";
            }

            return entry.Integrity[..(dash + 1)] + Convert.ToBase64String(hash.GetHashAndReset());
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
