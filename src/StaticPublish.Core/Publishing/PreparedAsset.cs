using StaticPublish.Core.Compression;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// An asset in its final form: its final path, integrity, type and encoding, and where its stored bytes are. Immutable:
/// the planner decides on prepared assets as they are, and nothing revises them afterwards.
/// </summary>
internal sealed record PreparedAsset
{
    public required CollectedAsset Source { get; init; }

    /// <summary>The final path relative to the asset root (fingerprinted unless the name is kept), not URL-encoded.</summary>
    public required string FinalPath { get; init; }

    public required bool Fingerprinted { get; init; }

    /// <summary>SRI <c>sha256-...</c> of the decoded bytes.</summary>
    public required string Integrity { get; init; }

    /// <summary>The type it is stored with: its rule's, else the collected one.</summary>
    public required string ContentType { get; init; }

    /// <summary>The publish rule that matched it (the first in declaration order), or null.</summary>
    public Rules.PublishRule? Rule { get; init; }

    /// <summary><c>gzip</c>, or null when stored as is.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>The stored (possibly compressed) size.</summary>
    public required long Size { get; init; }

    /// <summary>The bytes in memory (stored form, or the decoded form when <see cref="GzipOnUpload"/>), or null.</summary>
    public byte[]? Content { get; init; }

    /// <summary>The file holding the bytes when <see cref="Content"/> is null: the source file or a temp file.</summary>
    public string? ContentFile { get; init; }

    /// <summary>
    /// The previous release proved this asset's objects are in the bucket, so its gzip was not made again: the
    /// content is the decoded form and <see cref="Size"/> is the stored size the release recorded. Only an object that
    /// went missing meanwhile is ever uploaded from it, compressed then.
    /// </summary>
    public bool GzipOnUpload { get; init; }

    /// <summary>
    /// The gzip size when the asset's type is gzipped but its gzip saved too little, so it is stored as is; recorded
    /// (<see cref="ReleaseRecord.GzipDeclined"/>) so the next publish of the same bytes need not compress them again.
    /// </summary>
    public long? DeclinedGzipSize { get; init; }

    /// <summary>Opens the stored bytes for upload.</summary>
    /// <exception cref="Errors.StaticPublishException"><c>SPUB1012</c> when a reused gzip no longer has the recorded size.</exception>
    public UploadPayload OpenPayload()
    {
        if (!GzipOnUpload)
        {
            return Content is not null ? UploadPayload.FromBytes(Content) : UploadPayload.FromFile(ContentFile!);
        }

        using var source = Content is not null ? new MemoryStream(Content, writable: false) : (Stream)File.OpenRead(ContentFile!);
        using var compressed = new MemoryStream();
        DeterministicGzip.Compress(source, compressed);
        if (compressed.Length != Size)
        {
            // Another zlib made the previous release: these bytes would not match the size the manifest records.
            throw new Errors.StaticPublishException(Errors.ErrorCodes.ObjectsMissingAfterUpload,
                $"'{Source.LogicalPath}' went missing from the bucket during the publish, and its gzip made here ({compressed.Length} bytes) differs from the one the previous release stored ({Size} bytes). Publish again.");
        }

        return UploadPayload.FromBytes(compressed.ToArray());
    }
}
