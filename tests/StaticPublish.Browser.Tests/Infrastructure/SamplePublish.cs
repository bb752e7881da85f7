using StaticPublish.Core.Publishing;
using StaticPublish.Testing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Browser.Tests.Infrastructure;

/// <summary>samples/SampleApp published with the StaticPublish target to a bucket on the local S3 server.</summary>
internal sealed record SamplePublish(string Directory, AssetManifest Manifest)
{
    /// <summary>Runs the README's publish command on the sample the solution build produced.</summary>
    public static async Task<SamplePublish> RunAsync(S3TestBucket bucket)
    {
        var output = System.IO.Directory.CreateTempSubdirectory("sp-browser-").FullName;
        return new SamplePublish(output, await SamplePublisher.PublishAsync(bucket, output));
    }
}
