using System.Diagnostics;
using System.Text;
using StaticPublish.Core.Publishing;
using StaticPublish.Testing;

namespace StaticPublish.Browser.Tests.Infrastructure;

/// <summary>samples/SampleApp published with the StaticPublish target to a bucket on the local S3 server.</summary>
internal sealed record SamplePublish(string Directory, AssetManifest Manifest)
{
    /// <summary>
    /// Runs the README's publish command (public-read objects, prefix <c>static</c>) on the sample the solution build
    /// produced, with credentials from the environment as in CI.
    /// </summary>
    public static async Task<SamplePublish> RunAsync(S3TestBucket bucket, CancellationToken cancellationToken)
    {
        var output = System.IO.Directory.CreateTempSubdirectory("sp-browser-").FullName;
        var server = bucket.Server.Settings;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repo.SampleApp,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "publish", "--no-build", "-c", Repo.Configuration, "-o", output,
            "-p:StaticPublishEnabled=true", $"-p:StaticPublishBucket={bucket.BucketName}", "-p:StaticPublishPrefix=static",
            $"-p:StaticPublishEndpoint={server.Endpoint.ToString().TrimEnd('/')}", "-p:StaticPublishAcl=public-read",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would leak into the child build.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = server.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = server.SecretKey;
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using (await SamplePublishLock.AcquireAsync())
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet publish of the sample did not finish within 5 minutes.");
            }

            var log = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
            Assert.AreEqual(0, process.ExitCode, $"publishing the sample failed:\n{log}");
        }

        return new SamplePublish(output, AssetManifestReader.Read(Path.Combine(output, AssetManifest.FileName)));
    }
}
