using System.Buffers;
using System.Text.Json;

namespace StaticPublish.Core.Publishing;

/// <summary>Writes <c>staticpublish.manifest.json</c>: indented, sorted, readable UTF-8, identical for identical releases.</summary>
internal static class AssetManifestWriter
{
    public static byte[] Serialize(AssetManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Writer.AssetManifest);

    /// <summary>
    /// Writes the manifest atomically (streamed to a temp file beside it, then a rename), and leaves the file alone when
    /// it already holds these bytes. The JSON is never held in memory whole: tens of thousands of assets make tens of MB.
    /// </summary>
    public static void WriteIfChanged(string path, AssetManifest manifest)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                JsonSerializer.Serialize(file, manifest, ManifestJsonContext.Writer.AssetManifest);
            }

            if (!SameBytes(temp, full))
            {
                File.Move(temp, full, overwrite: true);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Whether <paramref name="existing"/> exists and holds exactly the bytes of <paramref name="written"/>.</summary>
    private static bool SameBytes(string written, string existing)
    {
        if (!File.Exists(existing) || new FileInfo(existing).Length != new FileInfo(written).Length)
        {
            return false;
        }

        const int Chunk = 64 * 1024;
        var left = ArrayPool<byte>.Shared.Rent(Chunk);
        var right = ArrayPool<byte>.Shared.Rent(Chunk);
        try
        {
            using var a = new FileStream(written, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            using var b = new FileStream(existing, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int read;
            while ((read = a.ReadAtLeast(left.AsSpan(0, Chunk), Chunk, throwOnEndOfStream: false)) > 0)
            {
                if (b.ReadAtLeast(right.AsSpan(0, read), read, throwOnEndOfStream: false) != read || !left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, read)))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(left);
            ArrayPool<byte>.Shared.Return(right);
        }
    }
}
