using System.Reflection;

namespace StaticPublish.Build.Tests.Infrastructure;

internal static class Repo
{
    public static string Root { get; } = Metadata("RepoRoot");

    /// <summary>The configuration these tests (and so the task beside them) were built in.</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>The task assembly built beside these tests (same configuration).</summary>
    public static string TaskAssembly { get; } = Metadata("StaticPublishTaskAssembly");

    private static string Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException(key + " is not set");
}
