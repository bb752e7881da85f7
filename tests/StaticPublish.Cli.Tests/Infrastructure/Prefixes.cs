namespace StaticPublish.Cli.Tests.Infrastructure;

internal static class Prefixes
{
    /// <summary>A fresh key prefix, so tests sharing a bucket never see each other's objects.</summary>
    public static string Unique(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..10]}";
}
