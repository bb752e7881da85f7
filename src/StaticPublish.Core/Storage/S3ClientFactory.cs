using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Storage;

/// <summary>
/// Builds the AWS SDK client for a set of <see cref="S3StorageOptions"/>. Create one client per configuration and
/// keep it: clients are thread-safe and own connection pools.
/// </summary>
public static class S3ClientFactory
{
    /// <summary>The region used when none is configured and the SDK's region chain finds none.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>Creates the SDK configuration: endpoint, region, addressing, TLS, proxy and checksum behaviour.</summary>
    public static AmazonS3Config CreateConfig(S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.UsesPathStyle,
            UseHttp = !options.UseSsl,

            // One connection pool per client, kept for the client's life (S3HttpClientFactory), instead of the SDK's
            // process-wide one: some S3-compatible stores (Ceph RGW among them) answer an early error without reading
            // the request body, which leaves the connection unusable, and a shared pool hands that connection to
            // unrelated clients. (The SDK's own CacheHttpClient = false would open and close a connection per request.)
            HttpClientFactory = new S3HttpClientFactory(options.VerifySsl, options.CaBundlePath, options.ProxyUrl),
        };

        // Five retries instead of the SDK's two: a throttling answer (503 Slow Down) is retried after a backoff that
        // starts at a second and doubles, so a burst the store refuses at the default concurrency spreads out instead
        // of failing the publish. An explicit AWS_MAX_ATTEMPTS still wins.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_MAX_ATTEMPTS")))
        {
            config.MaxErrorRetry = 5;
        }

        if (options.RequestTimeout is { } timeout)
        {
            config.Timeout = timeout;
        }

        var region = ResolveRegion(options);
        if (!string.IsNullOrEmpty(options.EndpointUrl))
        {
            // ServiceURL and RegionEndpoint reset each other, so a custom endpoint carries its region as the signing region.
            config.ServiceURL = options.EndpointUrl;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        if (options.UsesChecksumsWhenRequired)
        {
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return config;
    }

    /// <summary>Resolves credentials: explicit keys, else the named profile, else the SDK's default chain.</summary>
    public static AWSCredentials? ResolveCredentials(S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.AccessKey))
        {
            return string.IsNullOrEmpty(options.SessionToken)
                ? new BasicAWSCredentials(options.AccessKey, options.SecretKey)
                : new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.SessionToken);
        }

        if (!string.IsNullOrEmpty(options.Profile))
        {
            if (new CredentialProfileStoreChain().TryGetAWSCredentials(options.Profile, out var profileCredentials))
            {
                return profileCredentials;
            }

            throw new StaticPublishException(ErrorCodes.CredentialsNotFound,
                $"The AWS profile '{options.Profile}' (setting Profile) was not found in ~/.aws/credentials or ~/.aws/config. Create it with 'aws configure --profile {options.Profile}', or unset Profile to use the default credential chain.");
        }

        // Null lets the SDK walk its chain (environment, shared profile, container and instance roles) lazily.
        return null;
    }

    /// <summary>Creates a client for the options, with <paramref name="adjust"/> applied to its configuration. The caller owns and disposes it.</summary>
    public static IAmazonS3 CreateClient(S3StorageOptions options, Action<AmazonS3Config>? adjust = null)
    {
        var config = CreateConfig(options);
        adjust?.Invoke(config);
        var credentials = ResolveCredentials(options);
        return credentials is null ? new PooledS3Client(config) : new PooledS3Client(credentials, config);
    }

    /// <summary>A description of where requests go, for messages.</summary>
    public static string DescribeEndpoint(S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.EndpointUrl)
            ? $"AWS S3 ({ResolveRegion(options)})"
            : options.EndpointUrl;
    }

    private static string ResolveRegion(S3StorageOptions options)
    {
        if (!string.IsNullOrEmpty(options.Region))
        {
            return options.Region;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        return string.IsNullOrEmpty(fromEnvironment) ? DefaultRegion : fromEnvironment;
    }

    /// <summary>An S3 client that, when disposed, also disposes its own <see cref="S3HttpClientFactory"/> and so its connections.</summary>
    private sealed class PooledS3Client : AmazonS3Client
    {
        public PooledS3Client(AmazonS3Config config)
            : base(config)
        {
        }

        public PooledS3Client(AWSCredentials credentials, AmazonS3Config config)
            : base(credentials, config)
        {
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            // Only the factory CreateConfig made: one an adjust callback put in its place may be shared beyond this client.
            if (disposing && Config.HttpClientFactory is S3HttpClientFactory factory)
            {
                factory.Dispose();
            }
        }
    }
}
