namespace StaticPublish.Core.Storage;

/// <summary>Server-side encryption for stored objects.</summary>
public enum S3ServerSideEncryption
{
    /// <summary>Use the bucket's default.</summary>
    None = 0,

    /// <summary>SSE-S3 (<c>AES256</c>).</summary>
    Aes256,

    /// <summary>SSE-KMS (<c>aws:kms</c>), with <see cref="S3ObjectParameters.KmsKeyId"/> or the account's default key.</summary>
    Kms,
}
