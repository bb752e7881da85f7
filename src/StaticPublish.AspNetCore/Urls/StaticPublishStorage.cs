using Microsoft.Extensions.Options;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.Core.Storage;

namespace StaticPublish.AspNetCore.Urls;

/// <summary>The one <see cref="S3Storage"/> for the configured bucket (keys are used as given: the manifest's keys carry the prefix).</summary>
internal sealed class StaticPublishStorage : IDisposable
{
    public StaticPublishStorage(IOptions<StaticPublishRuntimeOptions> options)
    {
        var configured = options.Value.Storage;
        if (configured is null || string.IsNullOrWhiteSpace(configured.BucketName))
        {
            return;
        }

        configured.Location = "";
        configured.CustomDomain = null;
        configured.CloudFrontKeyPairId = null;
        configured.CloudFrontPrivateKeyPem = null;
        configured.QuerystringAuth = options.Value.UrlMode != StaticAssetUrlMode.S3Public;
        Instance = new S3Storage(configured);
    }

    public S3Storage? Instance { get; }

    public void Dispose() => Instance?.Dispose();
}
