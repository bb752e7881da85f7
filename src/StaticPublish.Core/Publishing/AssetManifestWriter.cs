using System.Text.Json;

namespace StaticPublish.Core.Publishing;

/// <summary>Writes <c>staticpublish.manifest.json</c> bytes: indented, sorted, readable UTF-8, identical for identical releases.</summary>
internal static class AssetManifestWriter
{
    public static byte[] Serialize(AssetManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Writer.AssetManifest);
}
