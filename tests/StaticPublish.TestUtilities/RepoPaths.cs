using System.Reflection;

namespace StaticPublish.TestUtilities;

/// <summary>Where things are in this repository, for the configuration the tests were built in.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (with StaticPublish.sln).</summary>
    public static string Root { get; } = Metadata("RepoRoot").TrimEnd('/', '\\');

    /// <summary>The configuration the tests, and so the src projects beside them, were built in.</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>samples/SampleApp.</summary>
    public static string SampleApp { get; } = Path.Combine(Root, "samples", "SampleApp");

    /// <summary>The MSBuild task assembly as built.</summary>
    public static string TaskAssembly { get; } = Output("StaticPublish.Build", "StaticPublish.Build.dll");

    /// <summary>The staticpublish tool's assembly as built.</summary>
    public static string Tool { get; } = Output("StaticPublish.Cli", "staticpublish.dll");

    /// <summary>build/local-s3.sh.</summary>
    public static string LocalS3Script { get; } = Path.Combine(Root, "build", "local-s3.sh");

    private static string Output(string project, string file) => Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", file);

    private static string Metadata(string key) =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException(key + " is not set");
}
