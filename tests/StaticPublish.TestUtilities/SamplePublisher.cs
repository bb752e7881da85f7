using StaticPublish.Core.Publishing;
using StaticPublish.Testing;

namespace StaticPublish.TestUtilities;

/// <summary>samples/SampleApp, as built by the solution build these tests ran after.</summary>
public static class SamplePublisher
{
    /// <summary>
    /// Runs the README's publish command on the sample (<c>--no-build</c>, public-read objects under <c>static</c>,
    /// credentials from the environment as in CI) into <paramref name="output"/>, one publish at a time across test
    /// processes, and returns the manifest it wrote (see <see cref="PublishProjectAsync"/>).
    /// </summary>
    public static async Task<AssetManifest> PublishAsync(S3TestBucket bucket, string output)
    {
        using (await SamplePublishLock.AcquireAsync())
        {
            return (await PublishProjectAsync(RepoPaths.SampleApp, bucket, output)).Manifest;
        }
    }

    /// <summary>
    /// The README's publish command on <paramref name="project"/> as the solution build left it (<c>--no-build</c>),
    /// public-read objects under <c>static</c> in <paramref name="bucket"/>, into <paramref name="output"/>; fails the
    /// test with the output unless it succeeds, and returns the manifest it wrote and the log.
    /// </summary>
    public static async Task<(AssetManifest Manifest, string Log)> PublishProjectAsync(string project, S3TestBucket bucket, string output)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var server = bucket.Server.Settings;
        var publish = await ChildProcess.DotNetAsync(project,
        [
            "publish", "--no-build", "-c", RepoPaths.Configuration, "-o", output,
            "-p:StaticPublishEnabled=true", $"-p:StaticPublishBucket={bucket.BucketName}", "-p:StaticPublishPrefix=static",
            $"-p:StaticPublishEndpoint={server.Endpoint.ToString().TrimEnd('/')}", "-p:StaticPublishAcl=public-read",
        ], new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = server.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = server.SecretKey,
        });
        Assert.AreEqual(0, publish.ExitCode, $"publishing {Path.GetFileName(project)} failed:\n{publish}");
        return (AssetManifestReader.Read(Path.Combine(output, AssetManifest.FileName)), publish.Combined);
    }
}
