using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace StaticPublish.TestUtilities;

/// <summary>src projects packed (with no-build: the assemblies the tests were built with) into a folder, under a version no NuGet cache has seen.</summary>
public sealed record LocalFeed(string Folder, string Version)
{
    /// <summary>Packs <paramref name="projects"/> (names under src/) into <paramref name="folder"/>.</summary>
    public static async Task<LocalFeed> PackAsync(string folder, IEnumerable<string> projects)
    {
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        foreach (var project in projects)
        {
            var pack = await ChildProcess.DotNetAsync(RepoPaths.Root,
                ["pack", Path.Combine("src", project, project + ".csproj"), "-c", RepoPaths.Configuration, "--no-build", "-o", folder, $"-p:PackageVersion={version}"]);
            Assert.AreEqual(0, pack.ExitCode, $"dotnet pack {project}: {pack}");

            // A RID-specific tool's package only points at one package per runtime, which the installer then needs.
            foreach (var runtime in ToolRuntimes(Path.Combine(folder, $"{project}.{version}.nupkg")))
            {
                var ridPack = await ChildProcess.DotNetAsync(RepoPaths.Root,
                    ["pack", Path.Combine("src", project, project + ".csproj"), "-c", RepoPaths.Configuration, "-r", runtime, "-o", folder, $"-p:PackageVersion={version}"]);
                Assert.AreEqual(0, ridPack.ExitCode, $"dotnet pack {project} -r {runtime}: {ridPack}");
            }
        }

        return new LocalFeed(folder, version);
    }

    /// <summary>The runtimes a tool package lists in its DotnetToolSettings.xml (none for a framework-dependent tool or a library).</summary>
    public static IReadOnlyList<string> ToolRuntimes(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var settings = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        if (settings is null)
        {
            return [];
        }

        using var stream = settings.Open();
        return [.. XDocument.Load(stream).Descendants("RuntimeIdentifierPackage").Select(p => (string?)p.Attribute("RuntimeIdentifier")).OfType<string>()];
    }

    /// <summary>A nuget.config that adds this feed to the usual sources.</summary>
    public string NuGetConfig => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="staticpublish" value="{Folder}" />
          </packageSources>
        </configuration>
        """;
}
