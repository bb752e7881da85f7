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
        var server = bucket.Server.Settings;
        var output = System.IO.Directory.CreateTempSubdirectory("sp-blazor-").FullName;
        var publish = await ChildProcess.DotNetAsync(Project,
        [
            "publish", "--no-build", "-c", RepoPaths.Configuration, "-o", output,
            "-p:StaticPublishEnabled=true", $"-p:StaticPublishBucket={bucket.BucketName}", "-p:StaticPublishPrefix=static",
            $"-p:StaticPublishEndpoint={server.Endpoint.ToString().TrimEnd('/')}", "-p:StaticPublishAcl=public-read",
        ], new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = server.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = server.SecretKey,
        });
        Assert.AreEqual(0, publish.ExitCode, $"publishing the Blazor sample failed:\n{publish}");
        return new BlazorSamplePublish(output, AssetManifestReader.Read(Path.Combine(output, AssetManifest.FileName)), publish.Combined);
    }
}
