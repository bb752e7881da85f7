using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>An asset ready to upload: final key, headers, and where its final bytes are.</summary>
internal sealed class PreparedAsset
{
    public required CollectedAsset Source { get; init; }

    public required AssetManifestEntry Entry { get; init; }

    /// <summary>The final bytes when they were rewritten or compressed and are small; else <see langword="null"/>.</summary>
    public byte[]? Content { get; init; }

    /// <summary>The file holding the final bytes when <see cref="Content"/> is null: the source or a temp file.</summary>
    public string? ContentFile { get; init; }

    public UploadPayload OpenPayload() => Content is not null ? UploadPayload.FromBytes(Content) : UploadPayload.FromFile(ContentFile!);
}
