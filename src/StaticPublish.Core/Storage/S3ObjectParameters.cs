namespace StaticPublish.Core.Storage;

/// <summary>
/// Headers and settings applied to every object a storage writes (django-storages' <c>AWS_S3_OBJECT_PARAMETERS</c>).
/// Use <see cref="S3StorageOptions.ObjectParametersOverride"/> to vary them per object.
/// </summary>
public sealed record S3ObjectParameters
{
    /// <summary>The <c>Cache-Control</c> header, or <see langword="null"/> for none.</summary>
    public string? CacheControl { get; init; }

    /// <summary>The <c>Content-Disposition</c> header, e.g. <c>attachment</c>.</summary>
    public string? ContentDisposition { get; init; }

    /// <summary>The storage class, e.g. <c>STANDARD_IA</c>. <see langword="null"/> keeps the bucket's default.</summary>
    public string? StorageClass { get; init; }

    /// <summary>Server-side encryption.</summary>
    public S3ServerSideEncryption ServerSideEncryption { get; init; }

    /// <summary>The KMS key id or ARN when <see cref="ServerSideEncryption"/> is <see cref="S3ServerSideEncryption.Kms"/>.</summary>
    public string? KmsKeyId { get; init; }

    /// <summary>User metadata, stored as <c>x-amz-meta-*</c> headers.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Object tags.</summary>
    public IReadOnlyDictionary<string, string> Tagging { get; init; } = new Dictionary<string, string>();
}
