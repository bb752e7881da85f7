using System.Globalization;

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
        }

        return new LocalFeed(folder, version);
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
