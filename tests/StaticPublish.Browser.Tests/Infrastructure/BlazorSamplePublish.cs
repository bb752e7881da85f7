using StaticPublish.Core.Publishing;
using StaticPublish.Testing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Browser.Tests.Infrastructure;

/// <summary>samples/BlazorSample (Auto render mode) published with the StaticPublish target to a bucket on the local S3 server.</summary>
internal sealed record BlazorSamplePublish(string Directory, AssetManifest Manifest, string Log)
{
    public static string Project { get; } = Path.Combine(RepoPaths.Root, "samples", "BlazorSample", "BlazorSample");

    /// <summary>The README's publish command on the sample the solution build produced (<c>--no-build</c>).</summary>
    public static async Task<BlazorSamplePublish> RunAsync(S3TestBucket bucket)
    {
        var output = System.IO.Directory.CreateTempSubdirectory("sp-blazor-").FullName;
        var (manifest, log) = await SamplePublisher.PublishProjectAsync(Project, bucket, output);
        return new BlazorSamplePublish(output, manifest, log);
    }
}
