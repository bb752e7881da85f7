using StaticPublish.Core.Publishing;
using StaticPublish.Testing;
using StaticPublish.TestUtilities;

namespace StaticPublish.AspNetCore.Tests.Infrastructure;

/// <summary>
/// samples/SampleApp published once per test run with the StaticPublish target against the local S3 server, with
/// public-read objects so every rendered URL can be fetched.
/// </summary>
[TestClass]
public static class PublishedSample
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Published? _published;

    public sealed record Published(string Directory, string ManifestPath, AssetManifest Manifest, S3TestBucket Bucket);

    public static async Task<Published> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _published ??= await PublishAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    [AssemblyCleanup]
    public static async Task CleanupAsync()
    {
        if (_published is not null)
        {
            await _published.Bucket.DisposeAsync();
            Directory.Delete(_published.Directory, recursive: true);
        }

        await LocalS3Server.DisposeSharedAsync();
    }

    private static async Task<Published> PublishAsync()
    {
        var server = await LocalS3Server.GetSharedAsync();
        var bucket = await server.CreateBucketAsync("sp-web");
        var output = System.IO.Directory.CreateTempSubdirectory("sp-web-").FullName;
        var manifest = await SamplePublisher.PublishAsync(bucket, output);
        return new Published(output, Path.Combine(output, AssetManifest.FileName), manifest, bucket);
    }
}
