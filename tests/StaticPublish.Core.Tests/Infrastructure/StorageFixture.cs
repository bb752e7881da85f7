using StaticPublish.Core.Storage;
using StaticPublish.Testing;

namespace StaticPublish.Core.Tests.Infrastructure;

/// <summary>Storage helpers over one test bucket: every storage gets its own location, so tests never see each other's objects.</summary>
internal sealed class StorageFixture(S3TestBucket bucket)
{
    public S3TestBucket Bucket { get; } = bucket;

    public S3StorageOptions Options(Action<S3StorageOptions>? configure = null)
    {
        var options = Bucket.CreateOptions("t-" + Guid.NewGuid().ToString("N")[..12]);
        configure?.Invoke(options);
        return options;
    }

    public S3Storage Storage(Action<S3StorageOptions>? configure = null) => new(Options(configure));

    public static async Task<StorageFixture> CreateAsync(string prefix = "sp-core") =>
        new(await TestServer.CreateBucketAsync(prefix));
}
