using Amazon.S3;
using Amazon.S3.Model;
using StaticPublish.Core.Storage;

namespace StaticPublish.Testing;

/// <summary>
/// A bucket with a unique name on a <see cref="LocalS3Server"/>, handed out as storage options, SDK
/// configuration or environment variables. Disposing it deletes every object in it and the bucket.
/// </summary>
public sealed class S3TestBucket : IAsyncDisposable
{
    internal S3TestBucket(LocalS3Server server, string name)
    {
        Server = server;
        BucketName = name;
        Client = S3ClientFactory.CreateClient(CreateOptions());
    }

    /// <summary>The server the bucket is on.</summary>
    public LocalS3Server Server { get; }

    /// <summary>The bucket's unique name.</summary>
    public string BucketName { get; }

    /// <summary>A client for the bucket's server, owned by this fixture.</summary>
    public IAmazonS3 Client { get; }

    /// <summary>Fresh storage options for this bucket, optionally under a location prefix.</summary>
    public S3StorageOptions CreateOptions(string location = "") => Server.CreateOptions(BucketName, location);

    /// <summary>The SDK configuration for the server: endpoint, path-style addressing, checksums when required.</summary>
    public AmazonS3Config CreateS3Config() => S3ClientFactory.CreateConfig(CreateOptions());

    /// <summary>
    /// Environment variables that point the AWS SDK, the AWS CLI and StaticPublish's tools at this bucket:
    /// credentials, region, endpoint and bucket.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = Server.Settings.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = Server.Settings.SecretKey,
        ["AWS_REGION"] = Server.Settings.Region,
        ["AWS_DEFAULT_REGION"] = Server.Settings.Region,
        ["AWS_ENDPOINT_URL_S3"] = Server.Settings.Endpoint.ToString().TrimEnd('/'),
        ["AWS_REQUEST_CHECKSUM_CALCULATION"] = "WHEN_REQUIRED",
        ["AWS_RESPONSE_CHECKSUM_VALIDATION"] = "WHEN_REQUIRED",
        ["STATICPUBLISH_ENDPOINT"] = Server.Settings.Endpoint.ToString().TrimEnd('/'),
        ["STATICPUBLISH_REGION"] = Server.Settings.Region,
        ["STATICPUBLISH_BUCKET"] = BucketName,
    };

    /// <summary>Every key in the bucket, sorted.</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(string prefix = "", CancellationToken cancellationToken = default)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = BucketName, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await Client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return keys;
    }

    /// <summary>Deletes every object and the bucket. Failures are ignored: the bucket's unique name keeps tests apart anyway.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            var keys = await ListKeysAsync().ConfigureAwait(false);
            foreach (var batch in keys.Chunk(1000))
            {
                await Client.DeleteObjectsAsync(new DeleteObjectsRequest
                {
                    BucketName = BucketName,
                    Objects = [.. batch.Select(k => new KeyVersion { Key = k })],
                }).ConfigureAwait(false);
            }

            await Client.DeleteBucketAsync(BucketName).ConfigureAwait(false);
        }
        catch (AmazonS3Exception)
        {
            // Leftovers are harmless: every fixture uses a fresh bucket.
        }
        finally
        {
            Client.Dispose();
        }
    }
}
