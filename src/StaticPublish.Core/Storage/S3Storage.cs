using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Amazon.S3;
using StaticPublish.Core.Compression;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Signing;
using StaticPublish.Core.Text;

namespace StaticPublish.Core.Storage;

/// <summary>
/// A django-storages-style S3 storage: save, open, exists, delete, list, size, modified time and URLs for names
/// under a location prefix, plus bucket initialisation and a health check. Thread-safe; create one per
/// configuration and keep it. Requests go through one internal store, which StaticPublish's own tools share.
/// </summary>
public sealed class S3Storage : IDisposable
{
    // Unique-name suffixes use the same alphabet and length as Django's get_random_string(7).
    private const string SuffixAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const int SuffixLength = 7;

    // Writes buffer in memory up to this size before using a temp file.
    private const long WriteMemoryLimit = 8L * 1024 * 1024;

    private readonly CloudFrontSigner? _signer;
    private readonly HashSet<string> _gzipTypes;
    private readonly SemaphoreSlim _bucketCheck = new(1, 1);
    private volatile bool _bucketEnsured;

    /// <summary>Creates a storage. Without a client it creates (and disposes) its own from the options.</summary>
    /// <exception cref="StaticPublishException">A setting is invalid (<c>SPUB2003</c>) or the CloudFront key cannot be read (<c>SPUB2002</c>).</exception>
    public S3Storage(S3StorageOptions options, IAmazonS3? client = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // The key is loaded first, so a bad PEM fails at startup (SPUB2002) rather than at the first URL.
        _signer = string.IsNullOrEmpty(options.CloudFrontKeyPairId)
            ? null
            : new CloudFrontSigner(options.CloudFrontKeyPairId, options.CloudFrontPrivateKeyPem!, options.CloudFrontHashAlgorithm, nameof(options.CloudFrontPrivateKeyPem));
        Store = new S3ObjectStore(options, client);
        _gzipTypes = new HashSet<string>(options.GzipContentTypes, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The settings this storage was created with.</summary>
    public S3StorageOptions Options => Store.Options;

    /// <summary>The SDK client, for operations this storage does not cover. StaticPublish itself goes through its store.</summary>
    public IAmazonS3 Client => Store.Client;

    /// <summary>The bucket by raw key, shared with the publish pipeline, verify and doctor.</summary>
    internal S3ObjectStore Store { get; }

    /// <summary>The object key a storage name is stored under (location prefix included).</summary>
    public string GetKey(string name) => StorageNames.ToKey(Options.Location, name);

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="name"/> and returns the name it was stored as, which
    /// differs from <paramref name="name"/> when <see cref="S3StorageOptions.FileOverwrite"/> is off and the name
    /// was taken. Configured content types are gzipped; the object gets Content-Type, Content-Encoding,
    /// Cache-Control and the configured object parameters, and the upload is protected by Content-MD5.
    /// </summary>
    public async Task<string> SaveAsync(string name, Stream content, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var cleaned = StorageNames.Clean(name);
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        if (!Options.FileOverwrite)
        {
            cleaned = await GetAvailableNameAsync(cleaned, cancellationToken).ConfigureAwait(false);
        }

        var type = string.IsNullOrEmpty(contentType) ? ContentTypes.Get(cleaned) : contentType;
        var parameters = Options.ObjectParametersOverride?.Invoke(cleaned, Options.ObjectParameters) ?? Options.ObjectParameters;
        var gzip = Options.Gzip && _gzipTypes.Contains(ContentTypes.MediaType(type));
        using var payload = await Spooling.ToPayloadAsync(content, WriteMemoryLimit,
            gzip ? (source, target) => DeterministicGzip.Compress(source, target) : null, cancellationToken).ConfigureAwait(false);
        await Store.PutAsync(GetKey(cleaned), payload, S3ObjectHeaders.From(parameters, type, gzip ? "gzip" : null, Options.DefaultAcl), cancellationToken)
            .ConfigureAwait(false);
        return cleaned;
    }

    /// <summary>
    /// Opens a stored object for reading. The stream holds exactly the bytes that were saved (gzip-stored objects
    /// are decompressed), is seekable, and spools to a temp file above <see cref="S3StorageOptions.MaxMemorySize"/>.
    /// </summary>
    /// <exception cref="StaticPublishException"><c>SPUB1005</c> when the object does not exist.</exception>
    public Task<Stream> OpenAsync(string name, CancellationToken cancellationToken = default) =>
        Store.ReadAsync(GetKey(name), async response =>
        {
            if (string.Equals(response.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
            {
                await using var gunzip = new GZipStream(response.ResponseStream, CompressionMode.Decompress);
                return await Spooling.SpoolAsync(gunzip, Options.MaxMemorySize, cancellationToken).ConfigureAwait(false);
            }

            return await Spooling.SpoolAsync(response.ResponseStream, Options.MaxMemorySize, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Whether an object exists under the name.</summary>
    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default) =>
        await Store.HeadOrNullAsync(GetKey(name), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Deletes the object. Deleting a name that does not exist is not an error.</summary>
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) => Store.DeleteAsync(GetKey(name), cancellationToken);

    /// <summary>Lists the directories and files directly under <paramref name="path"/> ("" for the location root).</summary>
    public async Task<S3StorageListing> ListAsync(string path = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var prefix = StorageNames.ToDirectoryPrefix(Options.Location, path);
        var (directories, keys) = await Store.ListLevelAsync(prefix, cancellationToken).ConfigureAwait(false);
        return new S3StorageListing(
            [.. directories.Select(d => d[prefix.Length..].TrimEnd('/')).Order(StringComparer.Ordinal)],
            [.. keys.Where(k => k.Length > prefix.Length).Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal)]);
    }

    /// <summary>The stored size in bytes (the compressed size for gzip-stored objects).</summary>
    public async Task<long> GetSizeAsync(string name, CancellationToken cancellationToken = default) =>
        (await Store.HeadAsync(GetKey(name), cancellationToken).ConfigureAwait(false)).ContentLength;

    /// <summary>When the object was last written, in UTC.</summary>
    public async Task<DateTimeOffset> GetLastModifiedAsync(string name, CancellationToken cancellationToken = default)
    {
        var head = await Store.HeadAsync(GetKey(name), cancellationToken).ConfigureAwait(false);
        return head.LastModified is { } modified
            ? new DateTimeOffset(DateTime.SpecifyKind(modified.ToUniversalTime(), DateTimeKind.Utc))
            : throw new StaticPublishException(ErrorCodes.RequestFailed,
                $"The S3 endpoint {Store.Endpoint} returned no Last-Modified for '{GetKey(name)}' in bucket '{Options.BucketName}'.");
    }

    /// <summary>
    /// Returns <paramref name="name"/> if it is free, else the name with a random 7-character suffix before the
    /// extension (<c>report_Ab3dE9x.pdf</c>), as Django does.
    /// </summary>
    public async Task<string> GetAvailableNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var cleaned = StorageNames.Clean(name);
        var directory = cleaned.LastIndexOf('/') is var slash and >= 0 ? cleaned[..(slash + 1)] : "";
        var file = cleaned[directory.Length..];
        var extension = Path.GetExtension(file);
        var stem = file[..^extension.Length];
        var candidate = cleaned;
        for (var attempt = 0; await ExistsAsync(candidate, cancellationToken).ConfigureAwait(false); attempt++)
        {
            if (attempt == 100)
            {
                throw new StaticPublishException(ErrorCodes.InvalidKeyName,
                    $"No free name was found for '{name}' in bucket '{Options.BucketName}' after 100 tries. Choose another name.") { Key = name };
            }

            candidate = $"{directory}{stem}_{RandomNumberGenerator.GetString(SuffixAlphabet, SuffixLength)}{extension}";
        }

        return candidate;
    }

    /// <summary>
    /// A URL for the name: CloudFront-signed when a key pair is configured, else on the custom domain, else S3
    /// presigned when <see cref="S3StorageOptions.QuerystringAuth"/> is on, else the plain public S3 URL.
    /// </summary>
    /// <param name="name">The storage name.</param>
    /// <param name="expire">How long a signed URL lasts; defaults to <see cref="S3StorageOptions.QuerystringExpire"/>.</param>
    public string Url(string name, TimeSpan? expire = null)
    {
        var key = GetKey(name);
        var lifetime = expire ?? Options.QuerystringExpire;
        if (!string.IsNullOrEmpty(Options.CustomDomain))
        {
            var url = Store.CustomDomainUrl(key);
            return _signer is { } signer ? signer.SignCanned(url, DateTimeOffset.UtcNow + lifetime) : url;
        }

        return Options.QuerystringAuth ? Store.PresignGet(key, lifetime) : Store.PublicUrl(key);
    }

    /// <summary>The plain, unsigned S3 URL of a name, whatever the URL settings: readable only when the object is public.</summary>
    public string PublicUrl(string name) => Store.PublicUrl(GetKey(name));

    /// <summary>
    /// Makes sure the storage's bucket and every bucket in <see cref="S3StorageOptions.Buckets"/> exists, gives
    /// public buckets StaticPublish's public-read policy statement and removes it from private ones (other
    /// statements are kept), then applies the policy hooks. Idempotent: running it again changes nothing.
    /// </summary>
    /// <returns>One line per change made; empty when everything was already in place.</returns>
    public async Task<IReadOnlyList<string>> InitializeBucketsAsync(CancellationToken cancellationToken = default)
    {
        var definitions = Options.Buckets.ToList();
        if (!definitions.Any(b => b.Name == Options.BucketName))
        {
            definitions.Insert(0, new S3BucketDefinition(Options.BucketName, IsPublic: false));
        }

        var changes = await new S3BucketAdministrator(Store).InitializeAsync(definitions, Options.PolicyHooks, cancellationToken).ConfigureAwait(false);
        _bucketEnsured = true;
        return changes;
    }

    /// <summary>
    /// Checks that the bucket answers, and that <paramref name="probeName"/> exists when one is given. Never throws:
    /// failures, timeouts and cancellation come back as an unhealthy status with the reason.
    /// </summary>
    public async Task<S3HealthStatus> CheckHealthAsync(string? probeName = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var where = $"bucket '{Options.BucketName}' at {Store.Endpoint}";
        try
        {
            await Store.ProbeAsync(cancellationToken).ConfigureAwait(false);
            if (probeName is null)
            {
                return new S3HealthStatus(true, $"{where} answered", clock.Elapsed);
            }

            var key = GetKey(probeName);
            return await Store.HeadOrNullAsync(key, cancellationToken).ConfigureAwait(false) is null
                ? new S3HealthStatus(false, $"'{key}' is missing from {where}", clock.Elapsed, ErrorCodes.ObjectNotFound)
                : new S3HealthStatus(true, $"'{key}' in {where} answered", clock.Elapsed);
        }
        catch (StaticPublishException e)
        {
            return new S3HealthStatus(false, $"{e.Code}: {e.Message}", clock.Elapsed, e.Code);
        }
        catch (OperationCanceledException)
        {
            return new S3HealthStatus(false, $"the check of {where} was cancelled or timed out", clock.Elapsed);
        }
#pragma warning disable CA1031 // A health check reports every failure instead of throwing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new S3HealthStatus(false, $"{e.GetType().Name}: {e.Message}", clock.Elapsed);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Store.Dispose();
        _signer?.Dispose();
        _bucketCheck.Dispose();
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (!Options.AutoCreateBucket || _bucketEnsured)
        {
            return;
        }

        await _bucketCheck.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_bucketEnsured)
            {
                await new S3BucketAdministrator(Store).CreateIfMissingAsync(Options.BucketName, cancellationToken).ConfigureAwait(false);
                _bucketEnsured = true;
            }
        }
        finally
        {
            _bucketCheck.Release();
        }
    }
}
