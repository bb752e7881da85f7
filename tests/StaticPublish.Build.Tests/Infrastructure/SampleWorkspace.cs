using StaticPublish.TestUtilities;

namespace StaticPublish.Build.Tests.Infrastructure;

/// <summary>
/// A temporary copy of samples/SampleApp and samples/SampleComponents outside the repository, wired to the
/// repository's build/ files and the freshly built task, the way Directory.Build.targets wires the samples.
/// </summary>
internal sealed class SampleWorkspace : IDisposable
{
    private SampleWorkspace(string root) => Root = root;

    public string Root { get; }

    public string App => Path.Combine(Root, "SampleApp");

    public static SampleWorkspace Create()
    {
        var root = Directory.CreateTempSubdirectory("sp-e2e-").FullName;
        foreach (var project in new[] { "SampleApp", "SampleComponents" })
        {
            Copy(Path.Combine(RepoPaths.Root, "samples", project), Path.Combine(root, project));
        }

        // The app references src/ projects by relative path; point those at the repository.
        var app = Path.Combine(root, "SampleApp", "SampleApp.csproj");
        File.WriteAllText(app, File.ReadAllText(app).Replace("..\\..\\src\\", Path.Combine(RepoPaths.Root, "src") + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), $"""
            <Project>
              <PropertyGroup>
                <StaticPublishTaskAssembly>{RepoPaths.TaskAssembly}</StaticPublishTaskAssembly>
                <StaticPublishTaskHost>true</StaticPublishTaskHost>
              </PropertyGroup>
              <Import Project="{Path.Combine(RepoPaths.Root, "build", "StaticPublish.Build.props")}" />
              <Import Project="{Path.Combine(RepoPaths.Root, "build", "StaticPublish.Build.targets")}" />
            </Project>
            """);
        return new SampleWorkspace(root);
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned by the OS.
        }
    }

    private static void Copy(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            // node_modules is npm's install folder; build/sample-libs.sh already copied what the app serves into wwwroot.
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj" or "node_modules")
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
