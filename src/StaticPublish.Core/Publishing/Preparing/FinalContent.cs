using System.Security.Cryptography;

namespace StaticPublish.Core.Publishing.Preparing;

/// <summary>
/// An asset's final (decoded) bytes, their SRI digest and its final path. <see cref="Held"/> is null when the bytes
/// are the source file's own; otherwise they were rewritten and wait in the payload buffer.
/// </summary>
internal sealed record FinalContent(string FinalPath, bool Fingerprinted, string Integrity, long Length, HeldBytes? Held)
{
    /// <summary>The final content of a file StaticPublish leaves as it is.</summary>
    public static FinalContent FromFile(CollectedAsset asset, bool keepsName)
    {
        using var stream = new FileStream(asset.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sha384 = IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            sha384.AppendData(buffer, 0, read);
            length += read;
        }

        return Create(asset, keepsName, sha256.GetHashAndReset(), sha384.GetHashAndReset(), length, held: null);
    }

    /// <summary>The final content of rewritten bytes, held in <paramref name="buffer"/>.</summary>
    public static FinalContent FromBytes(CollectedAsset asset, byte[] bytes, bool keepsName, PayloadBuffer buffer) =>
        Create(asset, keepsName, SHA256.HashData(bytes), SHA384.HashData(bytes), bytes.Length, buffer.Hold(bytes, Path.GetExtension(asset.FilePath)));

    private static FinalContent Create(CollectedAsset asset, bool keepsName, byte[] sha256, byte[] sha384, long length, HeldBytes? held)
    {
        var integrity = "sha384-" + Convert.ToBase64String(sha384);
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
