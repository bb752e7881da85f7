using StaticPublish.Core.Compression;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>An asset ready to upload: final key, headers, and where its final bytes are.</summary>
internal sealed class PreparedAsset
{
    public required CollectedAsset Source { get; init; }

    public required AssetManifestEntry Entry { get; set; }

    /// <summary>The final bytes when they were rewritten or compressed and are small; else <see langword="null"/>.</summary>
    public byte[]? Content { get; set; }

    /// <summary>The file holding the final bytes when <see cref="Content"/> is null: the source or a temp file.</summary>
    public string? ContentFile { get; set; }

    /// <summary>The stored form is gzip of <see cref="Content"/> or <see cref="ContentFile"/>, made only when uploading.</summary>
    public bool CompressOnUpload { get; set; }

    /// <summary>Where compression on upload spills large results.</summary>
    public string WorkDirectory { get; init; } = Path.GetTempPath();

    /// <summary>
    /// Compresses a reused-gzip asset now, into memory or a temp file, and returns whether its size differs from the
    /// size taken from the previous release (the entry then carries the real size).
    /// </summary>
    public bool Materialize()
    {
        using var source = Content is not null ? new MemoryStream(Content, writable: false) : (Stream)File.OpenRead(ContentFile!);
        var path = Path.Combine(WorkDirectory, Guid.NewGuid().ToString("N") + ".gz");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            DeterministicGzip.Compress(source, file);
        }

        var size = new FileInfo(path).Length;
        Content = null;
        ContentFile = path;
        CompressOnUpload = false;
        if (size == Entry.Size)
        {
            return false;
        }

        Entry = Entry with { Size = size };
        return true;
    }

    public UploadPayload OpenPayload()
    {
        // The publisher materializes reused-gzip uploads while planning; this keeps any other caller correct.
        if (CompressOnUpload)
        {
            Materialize();
        }

        return Content is not null ? UploadPayload.FromBytes(Content) : UploadPayload.FromFile(ContentFile!);
    }
}
