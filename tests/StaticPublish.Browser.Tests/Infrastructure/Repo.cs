using System.Reflection;

namespace StaticPublish.Browser.Tests.Infrastructure;

internal static class Repo
{
    public static string Root { get; } = Metadata("RepoRoot");

    /// <summary>The configuration these tests, and so the sample beside them, were built in.</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    public static string SampleApp { get; } = Path.Combine(Root, "samples", "SampleApp");

    private static string Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException(key + " is not set");
}
