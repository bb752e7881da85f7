using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using StaticPublish.Core.Compression;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Signing;
using StaticPublish.Core.Text;

namespace StaticPublish.Core.Storage;

/// <summary>
/// A django-storages-style S3 storage: save, open, exists, delete, list, size, modified time and URLs for names
/// under a location prefix, plus bucket initialisation and a health check. Thread-safe; create one per
/// configuration and keep it.
/// </summary>
public sealed class S3Storage : IDisposable
{
    // Unique-name suffixes use the same alphabet and length as Django's get_random_string(7).
    private const string SuffixAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const int SuffixLength = 7;

    // Writes buffer in memory up to this size before using a temp file.
    private const long WriteMemoryLimit = 8L * 1024 * 1024;

    private readonly bool _ownsClient;
    private readonly string _endpoint;
    private readonly S3ObjectWriter _writer;
    private readonly S3UrlBuilder _urls;
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
        Options = options;
        _ownsClient = client is null;
        Client = client ?? S3ClientFactory.CreateClient(options);
        _endpoint = S3ClientFactory.DescribeEndpoint(options);
        _writer = new S3ObjectWriter(Client, _endpoint, options.MultipartThreshold, options.MultipartPartSize);
        _urls = new S3UrlBuilder(options);
        _gzipTypes = new HashSet<string>(options.GzipContentTypes, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The settings this storage was created with.</summary>
    public S3StorageOptions Options { get; }

    /// <summary>The SDK client requests go through.</summary>
    public IAmazonS3 Client { get; }

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

        var key = GetKey(cleaned);
        var type = string.IsNullOrEmpty(contentType) ? ContentTypes.Get(cleaned) : contentType;
        var parameters = Options.ObjectParametersOverride?.Invoke(cleaned, Options.ObjectParameters) ?? Options.ObjectParameters;
        var gzip = Options.Gzip && _gzipTypes.Contains(MediaType(type));
        using var payload = await Spooling.ToPayloadAsync(content, WriteMemoryLimit,
            gzip ? (source, target) => DeterministicGzip.Compress(source, target) : null, cancellationToken).ConfigureAwait(false);
        var headers = S3ObjectHeaders.From(parameters, type, gzip ? "gzip" : null, Options.DefaultAcl);
        await _writer.WriteAsync(Options.BucketName, key, payload, headers, cancellationToken).ConfigureAwait(false);
        return cleaned;
    }

    /// <summary>
    /// Opens a stored object for reading. The stream holds exactly the bytes that were saved (gzip-stored objects
    /// are decompressed), is seekable, and spools to a temp file above <see cref="S3StorageOptions.MaxMemorySize"/>.
    /// </summary>
    /// <exception cref="StaticPublishException"><c>SPUB1005</c> when the object does not exist.</exception>
    public async Task<Stream> OpenAsync(string name, CancellationToken cancellationToken = default)
    {
        var key = GetKey(name);
        var context = Context("GetObject", key);
        return await S3ErrorTranslator.RunAsync(context, async () =>
        {
            using var response = await Client.GetObjectAsync(Options.BucketName, key, cancellationToken).ConfigureAwait(false);
            var body = response.ResponseStream;
            if (string.Equals(response.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
            {
                await using var gunzip = new GZipStream(body, CompressionMode.Decompress);
                return await Spooling.SpoolAsync(gunzip, Options.MaxMemorySize, cancellationToken).ConfigureAwait(false);
            }

            return await Spooling.SpoolAsync(body, Options.MaxMemorySize, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether an object exists under the name.</summary>
    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default) =>
        await HeadOrNullAsync(GetKey(name), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Deletes the object. Deleting a name that does not exist is not an error.</summary>
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var key = GetKey(name);
        return S3ErrorTranslator.RunAsync(Context("DeleteObject", key),
            () => Client.DeleteObjectAsync(Options.BucketName, key, cancellationToken), cancellationToken);
    }

    /// <summary>Lists the directories and files directly under <paramref name="path"/> ("" for the location root).</summary>
    public async Task<S3StorageListing> ListAsync(string path = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var prefix = StorageNames.ToDirectoryPrefix(Options.Location, path);
        var directories = new List<string>();
        var files = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Options.BucketName, Prefix = prefix, Delimiter = "/" };
        var context = Context("ListObjectsV2", null);
        ListObjectsV2Response response;
        do
        {
            response = await S3ErrorTranslator.RunAsync(context, () => Client.ListObjectsV2Async(request, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            directories.AddRange((response.CommonPrefixes ?? []).Select(p => p[prefix.Length..].TrimEnd('/')));
            files.AddRange((response.S3Objects ?? []).Where(o => o.Key.Length > prefix.Length).Select(o => o.Key[prefix.Length..]));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        directories.Sort(StringComparer.Ordinal);
        files.Sort(StringComparer.Ordinal);
        return new S3StorageListing(directories, files);
    }

    /// <summary>The stored size in bytes (the compressed size for gzip-stored objects).</summary>
    public async Task<long> GetSizeAsync(string name, CancellationToken cancellationToken = default) =>
        (await HeadAsync(GetKey(name), cancellationToken).ConfigureAwait(false)).ContentLength;

    /// <summary>When the object was last written, in UTC.</summary>
    public async Task<DateTimeOffset> GetLastModifiedAsync(string name, CancellationToken cancellationToken = default)
    {
        var head = await HeadAsync(GetKey(name), cancellationToken).ConfigureAwait(false);
        return head.LastModified is { } modified
            ? new DateTimeOffset(DateTime.SpecifyKind(modified.ToUniversalTime(), DateTimeKind.Utc))
            : throw new StaticPublishException(ErrorCodes.RequestFailed,
                $"The S3 endpoint {_endpoint} returned no Last-Modified for '{GetKey(name)}' in bucket '{Options.BucketName}'.");
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
            var url = _urls.CustomDomainUrl(key);
            return _signer is { } signer ? signer.SignCanned(url, DateTimeOffset.UtcNow + lifetime) : url;
        }

        if (!Options.QuerystringAuth)
        {
            return _urls.PublicUrl(key);
        }

        return Client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = Options.BucketName,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow + lifetime,
            Protocol = _urls.UsesHttp ? Protocol.HTTP : Protocol.HTTPS,
        });
    }

    /// <summary>The plain, unsigned S3 URL of a name, whatever the URL settings: readable only when the object is public.</summary>
    public string PublicUrl(string name) => _urls.PublicUrl(GetKey(name));

    /// <summary>The plain S3 URL of a raw key.</summary>
    internal string PublicUrlOfKey(string key) => _urls.PublicUrl(key);

    /// <summary>The plain S3 URL of the location itself, ending with '/': the base that keys under it are relative to.</summary>
    internal string PublicUrlOfPrefix() =>
        _urls.PublicUrl(Options.NormalizedLocation.Length == 0 ? "" : Options.NormalizedLocation + "/");

    /// <summary>
    /// Makes sure the storage's bucket and every bucket in <see cref="S3StorageOptions.Buckets"/> exists, gives
    /// public buckets a public-read policy, removes that policy from private ones, then applies the policy hooks.
    /// Idempotent: running it again changes nothing.
    /// </summary>
    /// <returns>One line per change made; empty when everything was already in place.</returns>
    public async Task<IReadOnlyList<string>> InitializeBucketsAsync(CancellationToken cancellationToken = default)
    {
        var changes = new List<string>();
        var definitions = Options.Buckets.ToList();
        if (!definitions.Any(b => b.Name == Options.BucketName))
        {
            definitions.Insert(0, new S3BucketDefinition(Options.BucketName, IsPublic: false));
        }

        foreach (var bucket in definitions)
        {
            if (await CreateBucketIfMissingAsync(bucket.Name, cancellationToken).ConfigureAwait(false))
            {
                changes.Add($"created bucket '{bucket.Name}'");
            }

            // StaticPublish owns one statement, found by its Sid; every other statement of the policy stays.
            var current = await GetBucketPolicyAsync(bucket.Name, cancellationToken).ConfigureAwait(false);
            if (bucket.IsPublic)
            {
                var wanted = PolicyDocuments.WithPublicRead(current, bucket.Name, bucket.PublicPrefix);
                if (!PolicyDocuments.AreEquivalent(current, wanted))
                {
                    await PutBucketPolicyAsync(bucket.Name, wanted, cancellationToken).ConfigureAwait(false);
                    changes.Add(string.IsNullOrEmpty(bucket.PublicPrefix)
                        ? $"made bucket '{bucket.Name}' public-read"
                        : $"made '{bucket.PublicPrefix.Trim('/')}/' in bucket '{bucket.Name}' public-read");
                }
            }
            else if (PolicyDocuments.HasPublicRead(current))
            {
                if (PolicyDocuments.WithoutPublicRead(current) is { } rest)
                {
                    await PutBucketPolicyAsync(bucket.Name, rest, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await S3ErrorTranslator.RunAsync(new S3CallContext("DeleteBucketPolicy", _endpoint, bucket.Name),
                        () => Client.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = bucket.Name }, cancellationToken), cancellationToken)
                        .ConfigureAwait(false);
                }

                changes.Add($"made bucket '{bucket.Name}' private (removed StaticPublish's public-read statement)");
            }
        }

        foreach (var hook in Options.PolicyHooks)
        {
            var current = await GetBucketPolicyAsync(hook.Bucket, cancellationToken).ConfigureAwait(false);
            if (!PolicyDocuments.AreEquivalent(current, hook.PolicyJson))
            {
                await PutBucketPolicyAsync(hook.Bucket, hook.PolicyJson, cancellationToken).ConfigureAwait(false);
                changes.Add($"applied the policy hook to bucket '{hook.Bucket}'");
            }
        }

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
        try
        {
            // A one-key LIST rather than HEAD: its error body says why (bad key, denied, no bucket), a HEAD's does not.
            await S3ErrorTranslator.RunAsync(Context("ListObjectsV2", null),
                () => Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Options.BucketName, MaxKeys = 1 }, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            if (probeName is null)
            {
                return new S3HealthStatus(true, $"bucket '{Options.BucketName}' at {_endpoint} answered", clock.Elapsed);
            }

            var key = GetKey(probeName);
            return await HeadOrNullAsync(key, cancellationToken).ConfigureAwait(false) is null
                ? new S3HealthStatus(false, $"'{key}' is missing from bucket '{Options.BucketName}' at {_endpoint}", clock.Elapsed, ErrorCodes.ObjectNotFound)
                : new S3HealthStatus(true, $"'{key}' in bucket '{Options.BucketName}' at {_endpoint} answered", clock.Elapsed);
        }
        catch (StaticPublishException e)
        {
            return new S3HealthStatus(false, $"{e.Code}: {e.Message}", clock.Elapsed, e.Code);
        }
        catch (OperationCanceledException)
        {
            return new S3HealthStatus(false, $"the check of bucket '{Options.BucketName}' at {_endpoint} was cancelled or timed out", clock.Elapsed);
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
        if (_ownsClient)
        {
            Client.Dispose();
        }

        _signer?.Dispose();
        _bucketCheck.Dispose();
    }

    /// <summary>Every object under a raw key prefix, in key order, from a paged LIST.</summary>
    internal async Task<List<S3ListedObject>> ListObjectsAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        var objects = new List<S3ListedObject>();
        var request = new ListObjectsV2Request { BucketName = Options.BucketName, Prefix = keyPrefix };
        var context = Context("ListObjectsV2", null);
        ListObjectsV2Response response;
        do
        {
            response = await S3ErrorTranslator.RunAsync(context, () => Client.ListObjectsV2Async(request, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            objects.AddRange((response.S3Objects ?? []).Select(o => new S3ListedObject(
                o.Key,
                o.Size ?? 0,
                o.LastModified is { } modified ? new DateTimeOffset(DateTime.SpecifyKind(modified.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue)));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return objects;
    }

    /// <summary>An object's bytes as stored (no decompression), or null when it does not exist.</summary>
    internal async Task<byte[]?> GetBytesOrNullAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await S3ErrorTranslator.RunAsync(Context("GetObject", key), async () =>
            {
                using var response = await Client.GetObjectAsync(Options.BucketName, key, cancellationToken).ConfigureAwait(false);
                using var copy = new MemoryStream();
                await response.ResponseStream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                return copy.ToArray();
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (StaticPublishException e) when (e.Code == ErrorCodes.ObjectNotFound)
        {
            return null;
        }
    }

    /// <summary>Uploads a payload to a raw key with the given headers (Content-MD5, multipart above the threshold).</summary>
    internal Task PutAsync(string key, UploadPayload payload, S3ObjectHeaders headers, CancellationToken cancellationToken) =>
        _writer.WriteAsync(Options.BucketName, key, payload, headers, cancellationToken);

    /// <summary>Deletes raw keys in batches of 1000.</summary>
    internal async Task DeleteKeysAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        foreach (var batch in keys.Chunk(1000))
        {
            var request = new DeleteObjectsRequest { BucketName = Options.BucketName, Objects = [.. batch.Select(k => new KeyVersion { Key = k })] };
            var response = await S3ErrorTranslator.RunAsync(Context("DeleteObjects", batch[0]),
                () => Client.DeleteObjectsAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                var first = errors[0];
                throw new StaticPublishException(first.Code is "AccessDenied" ? ErrorCodes.AccessDenied : ErrorCodes.RequestFailed,
                    $"{errors.Count} of {batch.Length} deletes failed in bucket '{Options.BucketName}'; the first, '{first.Key}', with {first.Code}. Check that the credentials have s3:DeleteObject.")
                { Bucket = Options.BucketName, Key = first.Key };
            }
        }
    }

    /// <summary>Where requests go, for messages.</summary>
    internal string EndpointDescription => _endpoint;

    /// <summary>A presigned GET URL for a raw key, whatever the URL settings.</summary>
    internal Task<string> PresignGetAsync(string key, TimeSpan lifetime) =>
        Client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Options.BucketName,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow + lifetime,
            Protocol = _urls.UsesHttp ? Protocol.HTTP : Protocol.HTTPS,
        });

    /// <summary>An HTTP client with the storage's TLS and proxy settings, for plain requests to the store (presigned URLs). The caller disposes it.</summary>
    internal HttpClient CreateHttpClient(TimeSpan timeout)
    {
        var http = new S3HttpClientFactory(Options.VerifySsl, Options.CaBundlePath, Options.ProxyUrl).CreateHttpClient(Client.Config);
        http.Timeout = timeout;
        return http;
    }

    internal async Task<GetObjectMetadataResponse?> HeadOrNullAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await HeadAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (StaticPublishException e) when (e.Code is ErrorCodes.ObjectNotFound)
        {
            return null;
        }
    }

    private Task<GetObjectMetadataResponse> HeadAsync(string key, CancellationToken cancellationToken) =>
        S3ErrorTranslator.RunAsync(Context("HeadObject", key),
            () => Client.GetObjectMetadataAsync(Options.BucketName, key, cancellationToken), cancellationToken);

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
                await CreateBucketIfMissingAsync(Options.BucketName, cancellationToken).ConfigureAwait(false);
                _bucketEnsured = true;
            }
        }
        finally
        {
            _bucketCheck.Release();
        }
    }

    private async Task<bool> CreateBucketIfMissingAsync(string bucket, CancellationToken cancellationToken)
    {
        var context = new S3CallContext("HeadBucket", _endpoint, bucket);
        try
        {
            await S3ErrorTranslator.RunAsync(context,
                () => Client.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, cancellationToken), cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (StaticPublishException e) when (e.Code == ErrorCodes.BucketNotFound)
        {
            // Missing: create it below.
        }

        var request = new PutBucketRequest { BucketName = bucket };
        var region = Options.Region ?? S3ClientFactory.DefaultRegion;

        // us-east-1 takes no location constraint, and S3-compatible stores reject most constraints.
        if (string.IsNullOrEmpty(Options.EndpointUrl) && region != S3ClientFactory.DefaultRegion)
        {
            request.BucketRegionName = region;
        }

        try
        {
            await Client.PutBucketAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
        {
            return false;
        }
        catch (Exception e) when (S3ErrorTranslator.IsTranslatable(e, cancellationToken))
        {
            throw S3ErrorTranslator.Translate(e, new S3CallContext("CreateBucket", _endpoint, bucket));
        }
    }

    private async Task<string?> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Client.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(response.Policy) ? null : response.Policy;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucketPolicy" || (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket"))
        {
            return null;
        }
        catch (Exception e) when (S3ErrorTranslator.IsTranslatable(e, cancellationToken))
        {
            throw S3ErrorTranslator.Translate(e, new S3CallContext("GetBucketPolicy", _endpoint, bucket));
        }
    }

    private async Task PutBucketPolicyAsync(string bucket, string policy, CancellationToken cancellationToken) =>
        await S3ErrorTranslator.RunAsync(new S3CallContext("PutBucketPolicy", _endpoint, bucket),
            () => Client.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy }, cancellationToken), cancellationToken)
            .ConfigureAwait(false);

    private S3CallContext Context(string operation, string? key) => new(operation, _endpoint, Options.BucketName, key);

    private static string MediaType(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
    }
}
