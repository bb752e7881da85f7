using System.Text.Json;

namespace StaticPublish.Core.Publishing;

/// <summary>Writes <c>staticpublish.manifest.json</c>: indented, sorted, readable UTF-8, identical for identical releases.</summary>
internal static class AssetManifestWriter
{
    public static byte[] Serialize(AssetManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Writer.AssetManifest);

    /// <summary>Writes the manifest atomically (a temp file, then a rename), and not at all when the file already holds these bytes.</summary>
    public static void WriteIfChanged(string path, AssetManifest manifest)
    {
        var bytes = Serialize(manifest);
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && File.ReadAllBytes(full).AsSpan().SequenceEqual(bytes))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
