namespace StaticPublish.Core.Storage;

/// <summary>Everything stored with an object besides its bytes.</summary>
internal sealed record S3ObjectHeaders
{
    public required string ContentType { get; init; }

    public string? ContentEncoding { get; init; }

    public string? CacheControl { get; init; }

    public string? ContentDisposition { get; init; }

    public string? CannedAcl { get; init; }

    public string? StorageClass { get; init; }

    public S3ServerSideEncryption ServerSideEncryption { get; init; }

    public string? KmsKeyId { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Tagging { get; init; } = new Dictionary<string, string>();

    /// <summary>Combines per-object parameters with the content headers computed for a file.</summary>
    public static S3ObjectHeaders From(S3ObjectParameters parameters, string contentType, string? contentEncoding, string? cannedAcl) => new()
    {
        ContentType = contentType,
        ContentEncoding = contentEncoding,
        CacheControl = parameters.CacheControl,
        ContentDisposition = parameters.ContentDisposition,
        CannedAcl = cannedAcl,
        StorageClass = parameters.StorageClass,
        ServerSideEncryption = parameters.ServerSideEncryption,
        KmsKeyId = parameters.KmsKeyId,
        Metadata = parameters.Metadata,
        Tagging = parameters.Tagging,
    };
}
