using System.Xml.Linq;
using StaticPublish.Core.Publishing;
using StaticPublish.Testing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Browser.Tests.Infrastructure;

/// <summary>
/// What the fresh-template tests share: the src packages packed once per run into a local feed, and the NuGet setup a
/// fresh app restores with. The packages get a version no cache has seen, so they restore into a folder of the run's
/// own; every other package (ASP.NET Core's, the WebAssembly runtime packs, AWSSDK) comes from the machine's package
/// cache as a fallback folder, as it would on the user's machine, instead of being extracted again for each app.
/// </summary>
internal static class FreshApps
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);
    private static readonly Lazy<TempFolder> Root = new(() => TempFolder.Create("sp-fresh-"));
    private static readonly Lazy<Task<LocalFeed>> Feed = new(() =>
        LocalFeed.PackAsync(Root.Value.PathOf("feed"), ["StaticPublish.Core", "StaticPublish.AspNetCore", "StaticPublish.Build"]));

    /// <summary>
    /// Adds StaticPublish.Build and StaticPublish.AspNetCore from the feed to <paramref name="project"/>, as the README
    /// says, and writes the nuget.config into <paramref name="root"/>, above every project of the app: NuGet reads the
    /// settings of each project from its own folder up.
    /// </summary>
    public static async Task AddPackagesAsync(string project, string root)
    {
        var feed = await Feed.Value;
        File.WriteAllText(Path.Combine(root, "nuget.config"), NuGetConfig(feed));
        Edit(project, "</Project>", $"""
              <ItemGroup>
                <PackageReference Include="StaticPublish.Build" Version="{feed.Version}" PrivateAssets="all" />
                <PackageReference Include="StaticPublish.AspNetCore" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
    }

    /// <summary>Runs the dotnet CLI in <paramref name="directory"/> and fails the test with its output unless it succeeds.</summary>
    public static async Task<string> DotNetAsync(string directory, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var merged = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["NUGET_PACKAGES"] = Root.Value.PathOf("packages"),
        };
        var result = await ChildProcess.DotNetAsync(directory, arguments, merged, Slow);
        Assert.AreEqual(0, result.ExitCode, $"dotnet {string.Join(' ', arguments)}:\n{result}");
        return result.Combined;
    }

    /// <summary>
    /// The README's publish command on the app in <paramref name="directory"/>, to a public-read prefix of
    /// <paramref name="bucket"/>, into <paramref name="output"/>; returns the manifest it wrote.
    /// </summary>
    public static async Task<AssetManifest> PublishAsync(string directory, S3TestBucket bucket, string output)
    {
        var server = bucket.Server.Settings;
        var log = await DotNetAsync(directory,
        [
            "publish", "-c", "Release", "-o", output,
            "-p:StaticPublishEnabled=true", $"-p:StaticPublishBucket={bucket.BucketName}", "-p:StaticPublishPrefix=static",
            $"-p:StaticPublishEndpoint={server.Endpoint.ToString().TrimEnd('/')}", "-p:StaticPublishAcl=public-read",
        ], new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = server.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = server.SecretKey,
        });
        StringAssert.Contains(log, "StaticPublish: ");
        // A template's own files are the framework's: nothing about them is the user's to fix, so nothing warns.
        Assert.DoesNotContain("warning SPUB", log, "a fresh template publishes without StaticPublish warnings");
        return AssetManifestReader.Read(Path.Combine(output, AssetManifest.FileName));
    }

    /// <summary>Replaces <paramref name="find"/>, which must be there, in a file of the fresh app.</summary>
    public static void Edit(string path, string find, string replacement)
    {
        var text = File.ReadAllText(path);
        Assert.IsTrue(text.Contains(find, StringComparison.Ordinal), $"{path} has '{find}'");
        File.WriteAllText(path, text.Replace(find, replacement, StringComparison.Ordinal));
    }

    /// <summary>Deletes the feed and the run's package folder.</summary>
    public static void Cleanup()
    {
        if (Root.IsValueCreated)
        {
            Root.Value.Dispose();
        }
    }

    /// <summary>The feed added to the usual sources, and the machine's package cache as a fallback folder.</summary>
    private static string NuGetConfig(LocalFeed feed)
    {
        var configuration = new XElement("configuration",
            new XElement("packageSources", Add("staticpublish", feed.Folder)));
        var machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Directory.Exists(machineCache))
        {
            configuration.Add(new XElement("fallbackPackageFolders", Add("machine", machineCache)));
        }

        return configuration.ToString();

        static XElement Add(string key, string value) => new("add", new XAttribute("key", key), new XAttribute("value", value));
    }
}
