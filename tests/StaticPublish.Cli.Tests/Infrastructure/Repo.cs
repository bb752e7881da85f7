using System.Reflection;

namespace StaticPublish.Cli.Tests.Infrastructure;

internal static class Repo
{
    public static string Root { get; } = Metadata("RepoRoot");

    /// <summary>The configuration these tests (and so the tool beside them) were built in.</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>The tool's assembly, built beside these tests.</summary>
    public static string Tool { get; } = Metadata("StaticPublishTool");

    private static string Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException(key + " is not set");
}
