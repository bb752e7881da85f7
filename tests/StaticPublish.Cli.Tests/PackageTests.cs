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

        // The tool's pointer package brings one package per runtime it lists: linux-x64 (native), linux-musl-x64 and any (managed).
        CollectionAssert.IsSubsetOf(new[] { $"StaticPublish.Cli.linux-x64.{_version}.nupkg", $"StaticPublish.Cli.linux-musl-x64.{_version}.nupkg", $"StaticPublish.Cli.any.{_version}.nupkg" }, packages);
        Assert.HasCount(_projects.Count + 3, packages, "one package per src project, and the tool's three runtime packages: " + string.Join(", ", packages));
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
        // On linux-x64 the installer picks the native package: the command is the executable itself, no dotnet host.
        var target = new FileInfo(staticpublish).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? staticpublish;
        StringAssert.Contains(target, "staticpublish.cli.linux-x64", "the installed command comes from the linux-x64 package");
        Assert.IsFalse(File.Exists(Path.Combine(Path.GetDirectoryName(target)!, "staticpublish.dll")), "the linux-x64 package is native, with no managed assembly");
        var magic = new byte[4];
        using (var executable = File.OpenRead(target))
        {
            executable.ReadExactly(magic);
        }

        CollectionAssert.AreEqual("\u007fELF"u8.ToArray(), magic, "the installed command is an ELF executable");

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

    [TestMethod]
    public void The_any_and_musl_packages_carry_the_managed_tool_and_the_linux_x64_package_the_native_one()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_feed, $"StaticPublish.Cli.any.{_version}.nupkg"));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        CollectionAssert.Contains(names, "tools/net10.0/any/staticpublish.dll");
        CollectionAssert.Contains(names, "tools/net10.0/any/StaticPublish.Core.dll");
        using var config = new StreamReader(zip.GetEntry("tools/net10.0/any/staticpublish.runtimeconfig.json")!.Open());
        var text = config.ReadToEnd();
        StringAssert.Contains(text, "\"System.GC.ConserveMemory\": 7");
        StringAssert.Contains(text, "\"System.Runtime.TieredPGO\": false");

        // Alpine's package is the managed build too (the linux-x64 executable needs glibc), started by musl's apphost.
        using var musl = ZipFile.OpenRead(Path.Combine(_feed, $"StaticPublish.Cli.linux-musl-x64.{_version}.nupkg"));
        var muslNames = musl.Entries.Select(e => e.FullName).ToList();
        CollectionAssert.IsSubsetOf(new[] { "tools/net10.0/linux-musl-x64/staticpublish.dll", "tools/net10.0/linux-musl-x64/staticpublish.runtimeconfig.json", "tools/net10.0/linux-musl-x64/staticpublish" }, muslNames);

        using var native = ZipFile.OpenRead(Path.Combine(_feed, $"StaticPublish.Cli.linux-x64.{_version}.nupkg"));
        var nativeNames = native.Entries.Select(e => e.FullName).ToList();
        CollectionAssert.Contains(nativeNames, "tools/any/linux-x64/staticpublish");
        Assert.IsFalse(nativeNames.Any(n => n.EndsWith(".dbg", StringComparison.Ordinal)), "the native package leaves its 31 MB of debug symbols out: " + string.Join(", ", nativeNames));
    }
}
