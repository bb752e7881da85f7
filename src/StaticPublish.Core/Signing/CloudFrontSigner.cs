using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Signing;

/// <summary>
/// Signs CloudFront URLs and cookies with an RSA or ECDSA P-256 private key, as AWSSDK.CloudFront's
/// <c>AmazonCloudFrontUrlSigner</c> and <c>AmazonCloudFrontCookieSigner</c> do, using only
/// System.Security.Cryptography.
/// </summary>
/// <remarks>
/// The key is imported once and kept. All members are safe to call from several threads at once; see
/// <see cref="SignPolicy"/>.
/// </remarks>
public sealed class CloudFrontSigner : IDisposable
{
    /// <summary>The setting name used in error messages when the caller gives none.</summary>
    public const string DefaultSettingName = CloudFrontPrivateKey.DefaultSettingName;

    // Names CloudFront reserves in the query (case-sensitive, as CloudFront reads them).
    private static readonly string[] ReservedParameters = ["Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"];

    // RFC 3986 unreserved and reserved characters plus '%': anything else must already be percent-encoded, because
    // CloudFront compares the signed resource with the URL as the browser sends it.
    private static readonly SearchValues<char> UrlCharacters = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%");

    private static readonly SearchValues<char> KeyPairIdCharacters = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    private readonly CloudFrontPrivateKey _key;
    private readonly HashAlgorithmName _hashName;
    private readonly string _hashSuffix;

    // .NET does not document RSA/ECDsa instance members as thread-safe, so signing is serialised. The runtime caches
    // signatures per expiry window, so the lock is rarely contended.
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Imports <paramref name="privateKeyPem"/> and creates a signer for <paramref name="keyPairId"/>.</summary>
    /// <param name="keyPairId">
    /// The id of the public key in the distribution's trusted key group (for example <c>K2JCJMDEHXQW5F</c>), or a
    /// legacy account key pair id (<c>APKA…</c>).
    /// </param>
    /// <param name="privateKeyPem">The private key as PEM; see <see cref="CloudFrontPrivateKey.FromPem"/> for the formats.</param>
    /// <param name="hashAlgorithm">The hash to sign with; SHA-256 adds <c>Hash-Algorithm=SHA256</c>.</param>
    /// <param name="settingName">What error messages call the key, for example the configuration key it came from.</param>
    /// <exception cref="StaticPublishException">
    /// <see cref="ErrorCodes.InvalidSetting"/> for a bad key pair id; <see cref="ErrorCodes.InvalidPrivateKey"/> when
    /// the PEM is empty, encrypted, a public key, undecodable, or not an RSA 2048+ or ECDSA P-256 key.
    /// </exception>
    public CloudFrontSigner(
        string keyPairId,
        string privateKeyPem,
        CloudFrontHashAlgorithm hashAlgorithm = CloudFrontHashAlgorithm.Sha1,
        string settingName = DefaultSettingName)
        : this(Validated(keyPairId, hashAlgorithm), CloudFrontPrivateKey.FromPem(privateKeyPem, settingName), hashAlgorithm)
    {
    }

    /// <summary>Creates a signer for <paramref name="keyPairId"/> that owns <paramref name="key"/> and disposes it.</summary>
    /// <param name="keyPairId">The id of the public key in the distribution's trusted key group.</param>
    /// <param name="key">The private key, from <see cref="CloudFrontPrivateKey.FromPem"/> or <see cref="CloudFrontPrivateKey.FromFile"/>.</param>
    /// <param name="hashAlgorithm">The hash to sign with; SHA-256 adds <c>Hash-Algorithm=SHA256</c>.</param>
    /// <exception cref="StaticPublishException"><see cref="ErrorCodes.InvalidSetting"/> for a bad key pair id.</exception>
    public CloudFrontSigner(string keyPairId, CloudFrontPrivateKey key, CloudFrontHashAlgorithm hashAlgorithm = CloudFrontHashAlgorithm.Sha1)
    {
        ArgumentNullException.ThrowIfNull(key);
        KeyPairId = Validated(keyPairId, hashAlgorithm);
        _key = key;
        HashAlgorithm = hashAlgorithm;
        _hashName = hashAlgorithm == CloudFrontHashAlgorithm.Sha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;
        _hashSuffix = hashAlgorithm == CloudFrontHashAlgorithm.Sha256 ? "&Hash-Algorithm=SHA256" : string.Empty;
    }

    /// <summary>The id sent as <c>Key-Pair-Id</c>.</summary>
    public string KeyPairId { get; }

    /// <summary>The hash used for signatures.</summary>
    public CloudFrontHashAlgorithm HashAlgorithm { get; }

    /// <summary>The private key's algorithm: <c>RSA</c> or <c>ECDSA</c>.</summary>
    public string KeyAlgorithm => _key.Algorithm;

    /// <summary>Reads a PEM private key file and creates a signer from it.</summary>
    /// <param name="keyPairId">The id of the public key in the distribution's trusted key group.</param>
    /// <param name="path">The PEM file; see <see cref="CloudFrontSigner(string, string, CloudFrontHashAlgorithm, string)"/> for the formats.</param>
    /// <param name="hashAlgorithm">The hash to sign with.</param>
    /// <exception cref="StaticPublishException">
    /// <see cref="ErrorCodes.InvalidPrivateKey"/> when the file cannot be read or does not hold a usable key (the
    /// message names the path); <see cref="ErrorCodes.InvalidSetting"/> for a bad key pair id.
    /// </exception>
    public static CloudFrontSigner FromPemFile(
        string keyPairId,
        string path,
        CloudFrontHashAlgorithm hashAlgorithm = CloudFrontHashAlgorithm.Sha1) =>
        new(Validated(keyPairId, hashAlgorithm), CloudFrontPrivateKey.FromFile(path), hashAlgorithm);

    /// <summary>
    /// Signs <paramref name="url"/> with a canned policy:
    /// <c>url?Expires=…&amp;Signature=…&amp;Key-Pair-Id=…[&amp;Hash-Algorithm=SHA256]</c>, using <c>&amp;</c> when the
    /// URL already has a query.
    /// </summary>
    /// <param name="url">The exact viewer URL: absolute http or https, percent-encoded, without a fragment.</param>
    /// <param name="expires">When the URL stops working (sent as whole Unix seconds).</param>
    /// <exception cref="StaticPublishException">
    /// <see cref="ErrorCodes.InvalidSigningUrl"/> for a URL CloudFront cannot check; <see cref="ErrorCodes.InvalidSetting"/>
    /// for an expiry before 1970.
    /// </exception>
    public string SignCanned(string url, DateTimeOffset expires)
    {
        ValidateUrl(url);
        var policy = new CloudFrontPolicy(url, expires);
        var signature = CloudFrontBase64.Encode(SignPolicy(policy.ToJson()));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{url}{Separator(url)}Expires={policy.ExpiresEpochSeconds}&Signature={signature}&Key-Pair-Id={KeyPairId}{_hashSuffix}");
    }

    /// <summary>
    /// Signs <paramref name="url"/> with a custom policy:
    /// <c>url?Policy=…&amp;Signature=…&amp;Key-Pair-Id=…[&amp;Hash-Algorithm=SHA256]</c>.
    /// </summary>
    /// <param name="url">The exact viewer URL: absolute http or https, percent-encoded, without a fragment.</param>
    /// <param name="policy">
    /// The policy. Its <see cref="CloudFrontPolicy.Resource"/> may differ from <paramref name="url"/>, for example a
    /// wildcard that covers it.
    /// </param>
    /// <exception cref="StaticPublishException"><see cref="ErrorCodes.InvalidSigningUrl"/> for a URL CloudFront cannot check.</exception>
    public string SignCustom(string url, CloudFrontPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ValidateUrl(url);
        var json = policy.ToJson();
        var signature = CloudFrontBase64.Encode(SignPolicy(json));
        return string.Concat(
            url,
            Separator(url),
            "Policy=",
            CloudFrontBase64.Encode(json),
            "&Signature=",
            signature,
            "&Key-Pair-Id=",
            KeyPairId,
            _hashSuffix);
    }

    /// <summary>
    /// Signs <paramref name="url"/> with the shortest form that expresses <paramref name="policy"/>: canned when the
    /// policy <see cref="CloudFrontPolicy.IsCanned"/> and its resource is exactly <paramref name="url"/>, custom otherwise.
    /// </summary>
    /// <param name="url">The exact viewer URL: absolute http or https, percent-encoded, without a fragment.</param>
    /// <param name="policy">The policy to sign.</param>
    /// <exception cref="StaticPublishException"><see cref="ErrorCodes.InvalidSigningUrl"/> for a URL CloudFront cannot check.</exception>
    public string Sign(string url, CloudFrontPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.IsCanned && string.Equals(policy.Resource, url, StringComparison.Ordinal)
            ? SignCanned(url, policy.Expires)
            : SignCustom(url, policy);
    }

    /// <summary>
    /// Creates signed cookies for <paramref name="policy"/>. A canned policy whose resource has no <c>*</c> gives
    /// <c>CloudFront-Expires</c>, <c>CloudFront-Signature</c>, <c>CloudFront-Key-Pair-Id</c>; anything else gives
    /// <c>CloudFront-Policy</c> in place of <c>CloudFront-Expires</c>. SHA-256 adds <c>CloudFront-Hash-Algorithm</c>.
    /// </summary>
    /// <param name="policy">The policy; cookies usually cover many URLs, so its resource is typically a wildcard.</param>
    public CloudFrontSignedCookies CreateCookies(CloudFrontPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var json = policy.ToJson();
        var signature = CloudFrontBase64.Encode(SignPolicy(json));

        // CloudFront rebuilds a canned policy from the request URL, so a canned cookie with a wildcard resource
        // would match no request; such a policy is sent as custom instead.
        var canned = policy.IsCanned && !policy.Resource.Contains('*', StringComparison.Ordinal);
        var cookies = new List<KeyValuePair<string, string>>(4)
        {
            canned
                ? new(CloudFrontSignedCookies.ExpiresName, policy.ExpiresEpochSeconds.ToString(CultureInfo.InvariantCulture))
                : new(CloudFrontSignedCookies.PolicyName, CloudFrontBase64.Encode(json)),
            new(CloudFrontSignedCookies.SignatureName, signature),
            new(CloudFrontSignedCookies.KeyPairIdName, KeyPairId),
        };
        if (HashAlgorithm == CloudFrontHashAlgorithm.Sha256)
        {
            cookies.Add(new(CloudFrontSignedCookies.HashAlgorithmName, "SHA256"));
        }

        return new CloudFrontSignedCookies([.. cookies]);
    }

    /// <summary>
    /// Signs policy bytes the way CloudFront checks them: RSA with PKCS#1 v1.5, ECDSA as a DER
    /// (<see cref="DSASignatureFormat.Rfc3279DerSequence"/>) signature, both with <see cref="HashAlgorithm"/>.
    /// </summary>
    /// <param name="policyUtf8">The policy JSON as UTF-8, usually <see cref="CloudFrontPolicy.ToJson"/>.</param>
    /// <returns>The raw signature, before CloudFront Base64.</returns>
    /// <exception cref="ObjectDisposedException">The signer was disposed.</exception>
    public byte[] SignPolicy(ReadOnlySpan<byte> policyUtf8)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key.Rsa is { } rsa
                ? rsa.SignData(policyUtf8, _hashName, RSASignaturePadding.Pkcs1)
                // .NET's default ECDSA format is IEEE P1363 (r||s); CloudFront only accepts DER.
                : _key.Ecdsa!.SignData(policyUtf8, _hashName, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    /// <summary>Releases the private key.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _key.Dispose();
        }
    }

    private static string Separator(string url) => url.Contains('?', StringComparison.Ordinal) ? "&" : "?";

    private static string Validated(string keyPairId, CloudFrontHashAlgorithm hashAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(keyPairId);
        if (!Enum.IsDefined(hashAlgorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(hashAlgorithm), hashAlgorithm, "Unknown CloudFront hash algorithm.");
        }

        if (keyPairId.Length == 0)
        {
            throw new StaticPublishException(
                ErrorCodes.InvalidSetting,
                "The CloudFront key pair id is empty. Set it to the id of the public key in the distribution's trusted key group, for example 'K2JCJMDEHXQW5F'.");
        }

        // Ids are upper-case letters and digits; anything else would also corrupt the query string it is put in.
        if (keyPairId.AsSpan().ContainsAnyExcept(KeyPairIdCharacters))
        {
            throw new StaticPublishException(
                ErrorCodes.InvalidSetting,
                $"The CloudFront key pair id '{keyPairId}' is not valid: it may hold only letters and digits. Copy the id of the public key from the CloudFront console, for example 'K2JCJMDEHXQW5F'.");
        }

        return keyPairId;
    }

    private static void ValidateUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !url.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase)
            || uri.Host.Length == 0)
        {
            throw InvalidUrl(url, "it is not an absolute http or https URL. Sign the full viewer URL, for example 'https://cdn.example.com/private/report.pdf'");
        }

        if (url.Contains('#', StringComparison.Ordinal))
        {
            throw InvalidUrl(url, "it has a fragment ('#…'). Browsers do not send fragments to CloudFront; sign the URL without it and append the fragment after signing");
        }

        var bad = url.AsSpan().IndexOfAnyExcept(UrlCharacters);
        if (bad >= 0)
        {
            throw InvalidUrl(
                url,
                string.Create(CultureInfo.InvariantCulture, $"it contains U+{(int)url[bad]:X4} at position {bad}, which must be percent-encoded. CloudFront compares the URL as the browser sends it, so encode the path and query (for example with Uri.EscapeDataString) before signing"));
        }

        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return;
        }

        foreach (var part in url.AsSpan(query + 1).Split('&'))
        {
            var pair = url.AsSpan(query + 1)[part];
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            foreach (var reserved in ReservedParameters)
            {
                if (name.SequenceEqual(reserved))
                {
                    throw InvalidUrl(
                        url,
                        $"its query already has '{reserved}', which CloudFront reserves for signing. Sign the URL before adding Expires, Policy, Signature, Key-Pair-Id or Hash-Algorithm, and rename the application's own parameter if it uses one of these names");
                }
            }
        }
    }

    private static StaticPublishException InvalidUrl(string url, string reason) =>
        new(ErrorCodes.InvalidSigningUrl, $"The URL '{url}' cannot be CloudFront-signed: {reason}.");
}
