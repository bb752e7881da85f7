namespace StaticPublish.Core.Signing;

/// <summary>
/// The hash CloudFront uses to check a signature. It applies to RSA (PKCS#1 v1.5) and ECDSA keys alike.
/// </summary>
public enum CloudFrontHashAlgorithm
{
    /// <summary>
    /// SHA-1, which CloudFront assumes when a URL or cookie set names no hash. This is the default because every
    /// distribution accepts it.
    /// </summary>
    Sha1 = 0,

    /// <summary>
    /// SHA-256. Signed URLs get <c>Hash-Algorithm=SHA256</c> and signed cookies get <c>CloudFront-Hash-Algorithm</c>,
    /// because CloudFront otherwise checks the signature with SHA-1.
    /// </summary>
    Sha256 = 1,
}
