using StaticPublish.Core.Publishing;
using StaticPublish.Testing;

namespace StaticPublish.TestUtilities;

/// <summary>samples/SampleApp, as built by the solution build these tests ran after.</summary>
public static class SamplePublisher
{
    /// <summary>
    /// Runs the README's publish command on the sample (<c>--no-build</c>, public-read objects under <c>static</c>,
    /// credentials from the environment as in CI) into <paramref name="output"/>, one publish at a time across test
    /// processes, and returns the manifest it wrote.
    /// </summary>
    public static async Task<AssetManifest> PublishAsync(S3TestBucket bucket, string output)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var server = bucket.Server.Settings;
        using (await SamplePublishLock.AcquireAsync())
        {
            var publish = await ChildProcess.DotNetAsync(RepoPaths.SampleApp,
            [
                "publish", "--no-build", "-c", RepoPaths.Configuration, "-o", output,
                "-p:StaticPublishEnabled=true", $"-p:StaticPublishBucket={bucket.BucketName}", "-p:StaticPublishPrefix=static",
                $"-p:StaticPublishEndpoint={server.Endpoint.ToString().TrimEnd('/')}", "-p:StaticPublishAcl=public-read",
            ], new Dictionary<string, string>
            {
                ["AWS_ACCESS_KEY_ID"] = server.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = server.SecretKey,
            });
            Assert.AreEqual(0, publish.ExitCode, $"publishing the sample failed:\n{publish}");
        }

        return AssetManifestReader.Read(Path.Combine(output, AssetManifest.FileName));
    }
}
