using Amazon.S3;
using Amazon.S3.Model;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Storage;

/// <summary>
/// The bucket by raw key: the one SDK client of a configuration, every request StaticPublish makes, and their errors
/// translated to <see cref="StaticPublishException"/>. The storage facade, the publish pipeline, verify and doctor all
/// go through it; nothing else touches the client.
/// </summary>
internal sealed class S3ObjectStore : IDisposable
{
    private readonly bool _ownsClient;
    private readonly S3ObjectWriter _writer;
    private readonly S3UrlBuilder _urls;

    /// <summary>Wraps <paramref name="client"/>, or creates (and later disposes) one from the options.</summary>
    public S3ObjectStore(S3StorageOptions options, IAmazonS3? client = null)
    {
        Options = options;
        _ownsClient = client is null;
        Client = client ?? S3ClientFactory.CreateClient(options);
        Endpoint = S3ClientFactory.DescribeEndpoint(options);
        _writer = new S3ObjectWriter(Client, Endpoint, options.MultipartThreshold, options.MultipartPartSize);
        _urls = new S3UrlBuilder(options);
    }

    public S3StorageOptions Options { get; }

    public IAmazonS3 Client { get; }

    public string Bucket => Options.BucketName;

    /// <summary>Where requests go, for messages.</summary>
    public string Endpoint { get; }

    /// <summary>Whether plain URLs of this store use http.</summary>
    public bool UsesHttp => _urls.UsesHttp;

    /// <summary>Every object under a key prefix, in key order, through the SDK's paginator.</summary>
    public async Task<List<S3ListedObject>> ListAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        var objects = new List<S3ListedObject>();
        await RunAsync("ListObjectsV2", null, async () =>
        {
            var pages = Client.Paginators.ListObjectsV2(new ListObjectsV2Request { BucketName = Bucket, Prefix = keyPrefix });
            await foreach (var page in pages.Responses.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                objects.AddRange((page.S3Objects ?? []).Select(Listed));
            }
        }, cancellationToken).ConfigureAwait(false);
        return objects;
    }

    /// <summary>
    /// Every object under a key prefix, in key order, as one LIST per range between consecutive
    /// <paramref name="splitKeys"/> (any strings; keys the caller expects, so the ranges hold about a page each), up to
    /// <paramref name="concurrency"/> ranges at once. A LIST pages through its continuation token, one page after
    /// the other; ranges that start after a key (<c>StartAfter</c>) can be listed side by side.
    /// </summary>
    public async Task<List<S3ListedObject>> ListAsync(string keyPrefix, IEnumerable<string> splitKeys, int concurrency, CancellationToken cancellationToken)
    {
        var bounds = splitKeys.Where(k => k.StartsWith(keyPrefix, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(KeyOrder.Instance).ToList();
        if (bounds.Count == 0)
        {
            return await ListAsync(keyPrefix, cancellationToken).ConfigureAwait(false);
        }

        var ranges = new List<S3ListedObject>[bounds.Count + 1];
        await Parallel.ForAsync(0, ranges.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
            async (i, token) => ranges[i] = await ListRangeAsync(keyPrefix, i == 0 ? null : bounds[i - 1], i < bounds.Count ? bounds[i] : null, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return [.. ranges.SelectMany(r => r)];
    }

    /// <summary>The objects under a prefix whose keys are after <paramref name="after"/> and up to <paramref name="upTo"/> (null: no bound).</summary>
    private async Task<List<S3ListedObject>> ListRangeAsync(string keyPrefix, string? after, string? upTo, CancellationToken cancellationToken)
    {
        var objects = new List<S3ListedObject>();
        await RunAsync("ListObjectsV2", null, async () =>
        {
            var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = keyPrefix, StartAfter = after };
            while (true)
            {
                var page = await Client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.S3Objects ?? [])
                {
                    if (upTo is not null && KeyOrder.Instance.Compare(item.Key, upTo) > 0)
                    {
                        return;
                    }

                    // A store that ignores StartAfter lists from the start: what an earlier range holds is skipped.
                    if (after is null || KeyOrder.Instance.Compare(item.Key, after) > 0)
                    {
                        objects.Add(Listed(item));
                    }
                }

                if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
                {
                    return;
                }

                request.ContinuationToken = page.NextContinuationToken;
            }
        }, cancellationToken).ConfigureAwait(false);
        return objects;
    }

    private static S3ListedObject Listed(S3Object item) => new(
        item.Key,
        item.Size ?? 0,
        item.LastModified is { } modified ? new DateTimeOffset(DateTime.SpecifyKind(modified.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue);

    /// <summary>The "directories" (common prefixes) and keys directly under a prefix that ends with '/'.</summary>
    public async Task<(List<string> Directories, List<string> Keys)> ListLevelAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        var directories = new List<string>();
        var keys = new List<string>();
        await RunAsync("ListObjectsV2", null, async () =>
        {
            var pages = Client.Paginators.ListObjectsV2(new ListObjectsV2Request { BucketName = Bucket, Prefix = keyPrefix, Delimiter = "/" });
            await foreach (var page in pages.Responses.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                directories.AddRange(page.CommonPrefixes ?? []);
                keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            }
        }, cancellationToken).ConfigureAwait(false);
        return (directories, keys);
    }

    /// <summary>A one-key LIST, whose error (unlike a HEAD's) says why the bucket does not answer.</summary>
    public Task ProbeAsync(CancellationToken cancellationToken) =>
        RunAsync("ListObjectsV2", null, () => Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, MaxKeys = 1 }, cancellationToken), cancellationToken);

    public Task<GetObjectMetadataResponse> HeadAsync(string key, CancellationToken cancellationToken) =>
        RunAsync("HeadObject", key, () => Client.GetObjectMetadataAsync(Bucket, key, cancellationToken), cancellationToken);

    public async Task<GetObjectMetadataResponse?> HeadOrNullAsync(string key, CancellationToken cancellationToken)
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

    /// <summary>Runs <paramref name="read"/> over an object's stored (not decoded) body and its response.</summary>
    public Task<T> ReadAsync<T>(string key, Func<GetObjectResponse, Task<T>> read, CancellationToken cancellationToken) =>
        RunAsync("GetObject", key, async () =>
        {
            using var response = await Client.GetObjectAsync(Bucket, key, cancellationToken).ConfigureAwait(false);
            return await read(response).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>An object's bytes as stored, or null when it does not exist.</summary>
    public async Task<byte[]?> GetBytesOrNullAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(key, async response =>
            {
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

    /// <summary>Uploads a payload with the given headers (Content-MD5 on every PUT, multipart above the threshold).</summary>
    public Task PutAsync(string key, UploadPayload payload, S3ObjectHeaders headers, CancellationToken cancellationToken) =>
        _writer.WriteAsync(Bucket, key, payload, headers, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        RunAsync("DeleteObject", key, () => Client.DeleteObjectAsync(Bucket, key, cancellationToken), cancellationToken);

    /// <summary>Deletes keys in batches of 1000; a key that is already gone is not an error.</summary>
    public async Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        foreach (var batch in keys.Chunk(1000))
        {
            var request = new DeleteObjectsRequest { BucketName = Bucket, Objects = [.. batch.Select(k => new KeyVersion { Key = k })] };
            var response = await RunAsync("DeleteObjects", batch[0], () => Client.DeleteObjectsAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                var first = errors[0];
                throw new StaticPublishException(first.Code is "AccessDenied" ? ErrorCodes.AccessDenied : ErrorCodes.RequestFailed,
                    $"{errors.Count} of {batch.Length} deletes failed in bucket '{Bucket}'; the first, '{first.Key}', with {first.Code}. Check that the credentials have s3:DeleteObject.")
                { Bucket = Bucket, Key = first.Key };
            }
        }
    }

    /// <summary>A presigned GET URL for a key (computed locally; credentials are resolved once, then cached by the SDK).</summary>
    public string PresignGet(string key, TimeSpan lifetime) => Client.GetPreSignedURL(PresignRequest(key, lifetime));

    /// <inheritdoc cref="PresignGet"/>
    public Task<string> PresignGetAsync(string key, TimeSpan lifetime) => Client.GetPreSignedURLAsync(PresignRequest(key, lifetime));

    /// <summary>The plain, unsigned URL of a key: readable only when the object is public.</summary>
    public string PublicUrl(string key) => _urls.PublicUrl(key);

    /// <summary>The plain URL of the location itself, ending with '/': the base that keys under it are relative to.</summary>
    public string PrefixUrl() => _urls.PublicUrl(Options.NormalizedLocation.Length == 0 ? "" : Options.NormalizedLocation + "/");

    /// <summary>The URL of a key on the custom domain.</summary>
    public string CustomDomainUrl(string key) => _urls.CustomDomainUrl(key);

    /// <summary>An HTTP client with the store's TLS and proxy settings, for plain requests (presigned URLs). The caller disposes it.</summary>
    public HttpClient CreateHttpClient(TimeSpan timeout)
    {
        var http = new S3HttpClientFactory(Options.VerifySsl, Options.CaBundlePath, Options.ProxyUrl).CreateHttpClient(Client.Config);
        http.Timeout = timeout;
        return http;
    }

    private GetPreSignedUrlRequest PresignRequest(string key, TimeSpan lifetime) => new()
    {
        BucketName = Bucket,
        Key = key,
        Verb = HttpVerb.GET,
        Expires = DateTime.UtcNow + lifetime,
        Protocol = _urls.UsesHttp ? Protocol.HTTP : Protocol.HTTPS,
    };

    /// <summary>Runs a request against this store's bucket and translates its failure, naming the operation and key.</summary>
    public Task<T> RunAsync<T>(string operation, string? key, Func<Task<T>> call, CancellationToken cancellationToken) =>
        S3ErrorTranslator.RunAsync(Context(operation, key), call, cancellationToken);

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(string operation, string? key, Func<Task> call, CancellationToken cancellationToken) =>
        S3ErrorTranslator.RunAsync(Context(operation, key), call, cancellationToken);

    public S3CallContext Context(string operation, string? key = null, string? bucket = null) => new(operation, Endpoint, bucket ?? Bucket, key)
    {
        VirtualHostedCustomEndpoint = !string.IsNullOrEmpty(Options.EndpointUrl) && !Options.UsesPathStyle,
    };

    public void Dispose()
    {
        if (_ownsClient)
        {
            Client.Dispose();
        }
    }
}
