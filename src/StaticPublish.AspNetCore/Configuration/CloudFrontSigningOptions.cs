using StaticPublish.Core.Signing;

namespace StaticPublish.AspNetCore.Configuration;

/// <summary>CloudFront signing settings (section <c>StaticPublish:CloudFront</c>). The private key never comes from the manifest.</summary>
public sealed class CloudFrontSigningOptions
{
    /// <summary>The public key id in a trusted key group (e.g. <c>K2JCJMDEHXQW5F</c>) or a legacy key pair id.</summary>
    public string? KeyPairId { get; set; }

    /// <summary>The private key PEM (RSA-2048 or ECDSA P-256), typically from user secrets or a secret store.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>A file holding the private key PEM, used when <see cref="PrivateKey"/> is empty.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>SHA-1 (CloudFront's default) or SHA-256 (adds <c>Hash-Algorithm=SHA256</c>).</summary>
    public CloudFrontHashAlgorithm HashAlgorithm { get; set; } = CloudFrontHashAlgorithm.Sha1;

    /// <summary>Canned or custom policy.</summary>
    public CloudFrontPolicyKind Policy { get; set; } = CloudFrontPolicyKind.Canned;

    /// <summary>A custom policy's resource, e.g. <c>https://cdn.example.com/static/*</c>; defaults to each URL itself.</summary>
    public string? Resource { get; set; }

    /// <summary>A custom policy's source IP or CIDR range.</summary>
    public string? IpAddress { get; set; }

    /// <summary>A custom policy's not-before time.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>
    /// The runtime's one signer: the key from <see cref="PrivateKey"/> (named by its setting in errors), else from
    /// <see cref="PrivateKeyFile"/>. The options validator has made sure one of them and the key pair id are set.
    /// </summary>
    internal CloudFrontSigner CreateSigner()
    {
        var key = string.IsNullOrWhiteSpace(PrivateKey)
            ? CloudFrontPrivateKey.FromFile(PrivateKeyFile!)
            : CloudFrontPrivateKey.FromPem(PrivateKey, $"{StaticPublishRuntimeOptions.SectionName}:CloudFront:PrivateKey");
        try
        {
            return new CloudFrontSigner(KeyPairId!, key, HashAlgorithm);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
