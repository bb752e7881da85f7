using System.Text.Json;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Publishing;

/// <summary>Reads <c>staticpublish.manifest.json</c>, with one clear <c>SPUB2005</c> error naming the file when it cannot.</summary>
public static class AssetManifestReader
{
    /// <summary>Reads and checks a manifest file.</summary>
    /// <exception cref="StaticPublishException"><c>SPUB2005</c> when the file is missing, unreadable, not a manifest, or a newer version.</exception>
    public static AssetManifest Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StaticPublishException(ErrorCodes.ManifestUnreadable,
                $"The StaticPublish manifest '{path}' could not be read: {e.Message} Publish with -p:StaticPublishEnabled=true (or 'staticpublish publish') to create it, or point the manifest path at it.", e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses manifest bytes; <paramref name="source"/> names them in errors.</summary>
    public static AssetManifest Parse(ReadOnlySpan<byte> json, string source)
    {
        AssetManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, ManifestJsonContext.Default.AssetManifest);
        }
        catch (JsonException e)
        {
            throw new StaticPublishException(ErrorCodes.ManifestUnreadable,
                $"The StaticPublish manifest '{source}' is not valid JSON ({e.Message}). Publish again to rewrite it.", e);
        }

        if (Problem(manifest) is { } problem)
        {
            throw new StaticPublishException(ErrorCodes.ManifestUnreadable,
                $"The StaticPublish manifest '{source}' is damaged: {problem}. Publish again to rewrite it.");
        }

        if (manifest!.Version != AssetManifest.CurrentVersion)
        {
            throw new StaticPublishException(ErrorCodes.ManifestUnreadable,
                $"The StaticPublish manifest '{source}' has version {manifest.Version}; this StaticPublish reads version {AssetManifest.CurrentVersion}. Use the same StaticPublish version to publish and to run.");
        }

        return manifest;
    }

    /// <summary>What makes a parsed manifest unusable (a missing release, or an entry without its key, path, type or hash), or null.</summary>
    internal static string? Problem(AssetManifest? manifest)
    {
        if (manifest is null || manifest.Assets is null || string.IsNullOrEmpty(manifest.Release) || manifest.BaseUrl is null)
        {
            return "it has no release, base URL or assets";
        }

        foreach (var (path, entry) in manifest.Assets)
        {
            if (entry is null || string.IsNullOrEmpty(entry.Key) || entry.Path is null || string.IsNullOrEmpty(entry.ContentType)
                || string.IsNullOrEmpty(entry.Integrity) || entry.CacheControl is null || entry.Size < 0 || (entry.Original is { } o && (string.IsNullOrEmpty(o.Key) || o.CacheControl is null)))
            {
                return $"the entry for '{path}' lacks its key, path, content type, Cache-Control, size or integrity";
            }
        }

        return null;
    }
}
