using StaticPublish.Core.Publishing;

namespace StaticPublish.AspNetCore.Tests.Infrastructure;

/// <summary>Manifest entries for unit tests that need an asset but no publish.</summary>
internal static class ManifestEntries
{
    /// <summary>A fingerprinted stylesheet stored at <c>static/{path}</c>.</summary>
    public static AssetManifestEntry Stylesheet(string path) => new()
    {
        Key = "static/" + path,
        Path = path,
        Size = 100,
        ContentType = "text/css",
        CacheControl = StaticPublishOptions.DefaultCacheControl,
        Integrity = "sha256-AAAA",
        Fingerprinted = true,
    };
}
