using System.IO.Compression;
using System.Xml.Linq;
using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests;

/// <summary>
/// Packs every src project with no-build (the assemblies these tests were built with) into one folder, checks each
/// package's metadata, and installs the tool from that folder as a user would.
/// </summary>
[TestClass]
public sealed class PackageTests
{
    private static readonly string[] RequiredPackages = ["StaticPublish.Core", "StaticPublish.Build", "StaticPublish.Testing", "StaticPublish.Cli"];
    private static string _root = null!;
    private static string _feed = null!;
    private static string _version = null!;
    private static List<string> _projects = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext _)
    {
        _root = Directory.CreateTempSubdirectory("sp-cli-pack-").FullName;
        _projects = [.. Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src"))
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".csproj"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)];
        var feed = await LocalFeed.PackAsync(Path.Combine(_root, "feed"), _projects.Select(Path.GetFileNameWithoutExtension).OfType<string>());
        _feed = feed.Folder;
        _version = feed.Version;
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        if (_root is not null)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [TestMethod]
    public void Every_src_project_packs_with_a_description_readme_license_and_repository()
    {
        var packages = Directory.GetFiles(_feed, "*.nupkg").Select(Path.GetFileName).ToList();
        foreach (var required in RequiredPackages)
        {
            CollectionAssert.Contains(packages, $"{required}.{_version}.nupkg", $"{required} is packed; the feed has {string.Join(", ", packages)}");
        }

        Assert.HasCount(_projects.Count, packages, "one package per src project: " + string.Join(", ", packages));
        foreach (var package in packages)
        {
            using var zip = ZipFile.OpenRead(Path.Combine(_feed, package!));
            var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
            using var stream = nuspecEntry.Open();
            var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
            XElement? Element(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);

            Assert.IsGreaterThan(40, Value("description")?.Length ?? 0, $"{package} has a real description");
            Assert.AreEqual("README.md", Value("readme"), $"{package} names its README");
            Assert.IsTrue(zip.Entries.Any(e => e.FullName == "README.md"), $"{package} carries README.md");
            Assert.AreEqual("expression", Element("license")?.Attribute("type")?.Value, $"{package} has a license expression");
            Assert.AreEqual("MIT", Value("license"), package);
            var repository = Element("repository");
            Assert.AreEqual("git", repository?.Attribute("type")?.Value, $"{package} has a repository");
            StringAssert.StartsWith(repository?.Attribute("url")?.Value, "https://github.com/", package);
            Assert.IsFalse(string.IsNullOrEmpty(repository?.Attribute("commit")?.Value), $"{package} records the commit, for SourceLink");
        }
    }

    [TestMethod]
    public async Task The_tool_installs_from_the_packed_folder_and_runs()
    {
        var tools = Path.Combine(_root, "tools");
        var config = Path.Combine(_root, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_feed}" />
              </packageSources>
            </configuration>
            """);

        var install = await ChildProcess.DotNetAsync(_root,
            ["tool", "install", "--tool-path", tools, "--configfile", config, "--add-source", _feed, "StaticPublish.Cli", "--version", _version],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") }, TimeSpan.FromMinutes(3));
        Assert.AreEqual(0, install.ExitCode, install.ToString());

        var staticpublish = Path.Combine(tools, "staticpublish");
        var version = await Tool.RunInstalledAsync(staticpublish, null, "--version");
        await using var bucket = await TestServer.CreateBucketAsync("sp-cli-tool");
        var init = await Tool.RunInstalledAsync(staticpublish, bucket.EnvironmentVariables, "init-bucket", "--origin", "*");
        var doctor = await Tool.RunInstalledAsync(staticpublish, bucket.EnvironmentVariables, "doctor");

        Assert.AreEqual(0, version.ExitCode, version.ToString());
        StringAssert.StartsWith(version.Output, "0.1.0");
        Assert.AreEqual(0, init.ExitCode, init.ToString());
        Assert.AreEqual(0, doctor.ExitCode, doctor.ToString());
        StringAssert.StartsWith(doctor.Lines[^1], "StaticPublish doctor: 11 checks, 11 passed");
    }
}
