using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace StaticPublish.Core.Publishing.Preparing;

/// <summary>
/// An asset's final (decoded) bytes, their SRI digest and its final path. <see cref="Held"/> is null when the bytes
/// are the source file's own; otherwise they were rewritten and wait in the payload buffer. One SHA-256 of the bytes
/// gives both the fingerprint and the <c>sha256-</c> integrity: for bytes left as they are, the same two values the
/// SDK's endpoints carry.
/// </summary>
internal sealed record FinalContent(string FinalPath, bool Fingerprinted, string Integrity, long Length, HeldBytes? Held)
{
    /// <summary>Bytes read and hashed at a time; a file smaller than this is hashed in one call.</summary>
    private const int ChunkSize = 256 * 1024;

    /// <summary>The final content of a file StaticPublish leaves as it is, read once into a pooled buffer.</summary>
    public static FinalContent FromFile(CollectedAsset asset, bool keepsName)
    {
        using var file = File.OpenHandle(asset.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var filled = Fill(file, buffer, 0);
            if (filled < buffer.Length)
            {
                var whole = buffer.AsSpan(0, filled);
                return Create(asset, keepsName, SHA256.HashData(whole), filled, held: null);
            }

            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            while (filled > 0)
            {
                sha256.AppendData(buffer, 0, filled);
                length += filled;
                filled = Fill(file, buffer, length);
            }

            return Create(asset, keepsName, sha256.GetHashAndReset(), length, held: null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The final content of rewritten bytes, held in <paramref name="buffer"/>.</summary>
    public static FinalContent FromBytes(CollectedAsset asset, byte[] bytes, bool keepsName, PayloadBuffer buffer) =>
        Create(asset, keepsName, SHA256.HashData(bytes), bytes.Length, buffer.Hold(bytes, Path.GetExtension(asset.FilePath)));

    /// <summary>Reads from <paramref name="offset"/> until the buffer is full or the file ends; how many bytes.</summary>
    private static int Fill(SafeFileHandle file, byte[] buffer, long offset)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = RandomAccess.Read(file, buffer.AsSpan(filled), offset + filled)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    private static FinalContent Create(CollectedAsset asset, bool keepsName, byte[] sha256, long length, HeldBytes? held)
    {
        var integrity = "sha256-" + Convert.ToBase64String(sha256);
        if (keepsName)
        {
            return new FinalContent(asset.LogicalPath, false, integrity, length, held);
        }

        // The SDK already fingerprinted this file's name, and its bytes are unchanged: keep that name. Otherwise the
        // fingerprint is the SDK's own algorithm, so an unchanged file gets the name the SDK's endpoints give it.
        var path = held is null && asset.IsSdkFingerprinted
            ? asset.RelativeFilePath
            : Fingerprints.Apply(asset.LogicalPath, Fingerprints.FromSha256(sha256));
        return new FinalContent(path, true, integrity, length, held);
    }
}
