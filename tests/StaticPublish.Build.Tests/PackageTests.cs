using System.IO.Compression;
using System.Text.Json;
using StaticPublish.Build.Tests.Infrastructure;
using StaticPublish.Core.Publishing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Build.Tests;

/// <summary>Packs StaticPublish.Build and publishes a fresh app outside the repository that uses it by PackageReference.</summary>
[TestClass]
public sealed class PackageTests
{
    [TestMethod]
    public async Task The_packed_task_publishes_a_fresh_project_by_PackageReference()
    {
        var server = await TestServer.GetAsync();
        await using var bucket = await server.CreateBucketAsync("sp-pkg");
        var root = Directory.CreateTempSubdirectory("sp-pkg-").FullName;
        try
        {
            // --no-build packs the task these tests were built with, and never rewrites it while other tests load it.
            var feed = await LocalFeed.PackAsync(Path.Combine(root, "feed"), ["StaticPublish.Build"]);
            var version = feed.Version;

            var package = Path.Combine(feed.Folder, $"StaticPublish.Build.{version}.nupkg");
            using (var zip = ZipFile.OpenRead(package))
            {
                var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
                foreach (var expected in new[]
                {
                    "build/StaticPublish.Build.props", "build/StaticPublish.Build.targets", "tasks/net10.0/StaticPublish.Build.dll",
                    "tasks/net10.0/StaticPublish.Core.dll", "tasks/net10.0/AWSSDK.S3.dll", "tasks/net10.0/AWSSDK.Core.dll",
                    "tasks/net10.0/Microsoft.Extensions.FileSystemGlobbing.dll", "README.md",
                })
                {
                    Assert.IsTrue(entries.Contains(expected), $"{expected} is packed; the package has: {string.Join(", ", entries)}");
                }

                Assert.IsFalse(entries.Any(e => e.StartsWith("lib/", StringComparison.Ordinal)), "a task package has no lib/");
                Assert.IsFalse(entries.Any(e => e.Contains("Microsoft.Build", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)), "MSBuild's own assemblies are not shipped");
            }

            var app = Path.Combine(root, "app");
            Directory.CreateDirectory(Path.Combine(app, "wwwroot", "css"));
            await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), feed.NuGetConfig);
            await File.WriteAllTextAsync(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="StaticPublish.Build" Version="{version}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), "var app = WebApplication.Create(args);\napp.MapStaticAssets();\napp.Run();\n");
            await File.WriteAllTextAsync(Path.Combine(app, "wwwroot", "css", "app.css"), "body { background: url(../img/dot.svg); }\n");
            Directory.CreateDirectory(Path.Combine(app, "wwwroot", "img"));
            await File.WriteAllTextAsync(Path.Combine(app, "wwwroot", "img", "dot.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"1\"/></svg>\n");

            var output = Path.Combine(root, "out");
            var publish = await ChildProcess.DotNetAsync(app,
            [
                "publish", "-c", "Release", "-o", output,
                "-p:StaticPublishEnabled=true", $"-p:StaticPublishBucket={bucket.BucketName}", "-p:StaticPublishPrefix=assets",
                $"-p:StaticPublishEndpoint={server.Settings.Endpoint.ToString().TrimEnd('/')}",
            ], new Dictionary<string, string>
            {
                ["AWS_ACCESS_KEY_ID"] = server.Settings.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = server.Settings.SecretKey,
                ["NUGET_PACKAGES"] = Path.Combine(root, "packages"),
            });

            Assert.AreEqual(0, publish.ExitCode, publish.ToString());
            StringAssert.Contains(publish.Combined, "StaticPublish: 2 assets in 4 objects, 4 uploaded");
            var manifest = JsonSerializer.Deserialize<AssetManifest>(await File.ReadAllBytesAsync(Path.Combine(output, AssetManifest.FileName)))!;
            var keys = await bucket.ListKeysAsync("assets/");
            foreach (var entry in manifest.Assets.Values)
            {
                CollectionAssert.Contains(keys.ToList(), entry.Key);
            }

            StringAssert.StartsWith(manifest.BaseUrl, server.Settings.Endpoint.ToString().TrimEnd('/') + "/" + bucket.BucketName + "/assets/",
                "without StaticPublishBaseUrl the manifest points at the bucket's own URL");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
