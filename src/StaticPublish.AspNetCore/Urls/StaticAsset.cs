using StaticPublish.Core.Publishing;

namespace StaticPublish.AspNetCore.Urls;

/// <summary>One asset from the manifest, with its precomputed unsigned URL.</summary>
public sealed class StaticAsset
{
    internal StaticAsset(string logicalPath, AssetManifestEntry entry, string unsignedUrl)
    {
        LogicalPath = logicalPath;
        Entry = entry;
        UnsignedUrl = unsignedUrl;
    }

    /// <summary>The logical path, relative to wwwroot (e.g. <c>css/site.css</c>).</summary>
    public string LogicalPath { get; }

    /// <summary>The manifest entry: key, headers, integrity.</summary>
    public AssetManifestEntry Entry { get; }

    /// <summary>The URL without any signature: base URL plus path, or the bucket's public URL.</summary>
    public string UnsignedUrl { get; }

    /// <summary>The SRI hash (<c>sha256-...</c>) of the bytes a browser gets.</summary>
    public string Integrity => Entry.Integrity;
}
