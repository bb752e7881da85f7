using Microsoft.Extensions.Options;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.Core.Storage;

namespace StaticPublish.AspNetCore.Urls;

/// <summary>
/// The one <see cref="S3Storage"/> for the configured bucket. It gets its own copy of the connection settings: keys are
/// used as given (the manifest's keys carry the prefix), URLs come from the manifest and the runtime's own signer, and
/// the bound options are never changed.
/// </summary>
internal sealed class StaticPublishStorage : IDisposable
{
    public StaticPublishStorage(IOptions<StaticPublishRuntimeOptions> options)
    {
        var configured = options.Value.Storage;
        if (configured is null || string.IsNullOrWhiteSpace(configured.BucketName))
        {
            return;
        }

        Instance = new S3Storage(ForRuntime(configured, presigned: options.Value.UrlMode != StaticAssetUrlMode.S3Public));
    }

    public S3Storage? Instance { get; }

    public void Dispose() => Instance?.Dispose();

    /// <summary>
    /// The connection settings the runtime uses (the bucket, the endpoint, TLS, credentials and URL form); nothing of the
    /// upload settings, the location, the custom domain or CloudFront.
    /// </summary>
    internal static S3StorageOptions ForRuntime(S3StorageOptions configured, bool presigned)
    {
        var runtime = configured.CopyConnection();
        runtime.QuerystringAuth = presigned;
        runtime.QuerystringExpire = configured.QuerystringExpire;
        runtime.UrlProtocol = configured.UrlProtocol;
        return runtime;
    }
}
