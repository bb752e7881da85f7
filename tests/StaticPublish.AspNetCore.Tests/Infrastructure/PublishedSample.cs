using System.Diagnostics;
using System.Reflection;
using System.Text;
using StaticPublish.Core.Publishing;
using StaticPublish.Testing;

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
        var metadata = typeof(PublishedSample).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(metadata["RepoRoot"]!, "samples", "SampleApp"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "publish", "--no-build", "-c", metadata["Configuration"]!, "-o", output,
            "-p:StaticPublishEnabled=true", $"-p:StaticPublishBucket={bucket.BucketName}", "-p:StaticPublishPrefix=static",
            $"-p:StaticPublishEndpoint={server.Settings.Endpoint.ToString().TrimEnd('/')}", "-p:StaticPublishAcl=public-read",
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = server.Settings.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = server.Settings.SecretKey;
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using (await SamplePublishLock.AcquireAsync(start.WorkingDirectory))
        {
            using var process = Process.Start(start)!;
            var log = new StringBuilder();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            log.Append(await stdout).Append(await stderr);
            Assert.AreEqual(0, process.ExitCode, "publishing the sample failed:\n" + log);
        }

        var manifestPath = Path.Combine(output, AssetManifest.FileName);
        return new Published(output, manifestPath, AssetManifestReader.Read(manifestPath), bucket);
    }
}
