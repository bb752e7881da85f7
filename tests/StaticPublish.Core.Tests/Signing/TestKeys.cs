using System.Security.Cryptography;

namespace StaticPublish.Core.Tests.Signing;

/// <summary>
/// Keys generated once per test run, handed out as PEM text so that no test shares a mutable key object.
/// </summary>
internal static class TestKeys
{
    public const string KeyPairId = "K2JCJMDEHXQW5F";

    private static readonly Lazy<RsaPems> Rsa = new(() =>
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        return new RsaPems(key.ExportRSAPrivateKeyPem(), key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    });

    private static readonly Lazy<EcPems> P256 = new(() =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new EcPems(key.ExportECPrivateKeyPem(), key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    });

    /// <summary>The RSA-2048 private key as PEM: <c>pkcs1</c> (RSA PRIVATE KEY) or <c>pkcs8</c> (PRIVATE KEY).</summary>
    public static string RsaPrivatePem(string format) => format switch
    {
        "pkcs1" => Rsa.Value.Pkcs1,
        "pkcs8" => Rsa.Value.Pkcs8,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Use pkcs1 or pkcs8."),
    };

    public static string RsaPublicPem => Rsa.Value.PublicKey;

    /// <summary>The P-256 private key as PEM: <c>sec1</c> (EC PRIVATE KEY) or <c>pkcs8</c> (PRIVATE KEY).</summary>
    public static string EcPrivatePem(string format) => format switch
    {
        "sec1" => P256.Value.Sec1,
        "pkcs8" => P256.Value.Pkcs8,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Use sec1 or pkcs8."),
    };

    public static string EcPublicPem => P256.Value.PublicKey;

    public static bool VerifyRsa(byte[] data, byte[] signature, HashAlgorithmName hash)
    {
        using var key = System.Security.Cryptography.RSA.Create();
        key.ImportFromPem(RsaPublicPem);
        return key.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
    }

    public static bool VerifyEcdsaDer(byte[] data, byte[] signature, HashAlgorithmName hash)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(EcPublicPem);
        return key.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    public static HashAlgorithmName HashName(StaticPublish.Core.Signing.CloudFrontHashAlgorithm hash) =>
        hash == StaticPublish.Core.Signing.CloudFrontHashAlgorithm.Sha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;

    private sealed record RsaPems(string Pkcs1, string Pkcs8, string PublicKey);

    private sealed record EcPems(string Sec1, string Pkcs8, string PublicKey);
}
