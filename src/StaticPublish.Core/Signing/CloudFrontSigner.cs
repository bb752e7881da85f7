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
    public const string DefaultSettingName = "CloudFrontPrivateKey";

    private const string ExpectedPem =
        "Expected '-----BEGIN PRIVATE KEY-----' (PKCS#8), '-----BEGIN RSA PRIVATE KEY-----' (PKCS#1) or "
        + "'-----BEGIN EC PRIVATE KEY-----' (SEC1), unencrypted, holding an RSA 2048-bit or ECDSA P-256 key; "
        + "include the BEGIN and END lines.";

    private const string P256Oid = "1.2.840.10045.3.1.7";

    // Names CloudFront reserves in the query (case-sensitive, as CloudFront reads them).
    private static readonly string[] ReservedParameters = ["Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"];

    // RFC 3986 unreserved and reserved characters plus '%': anything else must already be percent-encoded, because
    // CloudFront compares the signed resource with the URL as the browser sends it.
    private static readonly SearchValues<char> UrlCharacters = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%");

    private static readonly SearchValues<char> KeyPairIdCharacters = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    private readonly RSA? rsa;
    private readonly ECDsa? ecdsa;
    private readonly HashAlgorithmName hashName;
    private readonly string hashSuffix;

    // .NET does not document RSA/ECDsa instance members as thread-safe, so signing is serialised. The runtime caches
    // signatures per expiry window, so the lock is rarely contended.
    private readonly Lock gate = new();
    private bool disposed;

    /// <summary>Imports <paramref name="privateKeyPem"/> and creates a signer for <paramref name="keyPairId"/>.</summary>
    /// <param name="keyPairId">
    /// The id of the public key in the distribution's trusted key group (for example <c>K2JCJMDEHXQW5F</c>), or a
    /// legacy account key pair id (<c>APKA…</c>).
    /// </param>
    /// <param name="privateKeyPem">
    /// The private key as PEM: PKCS#8 (<c>PRIVATE KEY</c>), PKCS#1 (<c>RSA PRIVATE KEY</c>) or SEC1
    /// (<c>EC PRIVATE KEY</c>), unencrypted. RSA keys need at least 2048 bits (CloudFront takes exactly 2048); ECDSA
    /// keys must be on P-256. Other PEM blocks, such as <c>EC PARAMETERS</c>, are ignored.
    /// </param>
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
    {
        ArgumentNullException.ThrowIfNull(keyPairId);
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        ArgumentException.ThrowIfNullOrEmpty(settingName);
        if (!Enum.IsDefined(hashAlgorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(hashAlgorithm), hashAlgorithm, "Unknown CloudFront hash algorithm.");
        }

        ValidateKeyPairId(keyPairId);

        (rsa, ecdsa) = ImportPrivateKey(privateKeyPem, settingName);
        KeyPairId = keyPairId;
        HashAlgorithm = hashAlgorithm;
        hashName = hashAlgorithm == CloudFrontHashAlgorithm.Sha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;
        hashSuffix = hashAlgorithm == CloudFrontHashAlgorithm.Sha256 ? "&Hash-Algorithm=SHA256" : string.Empty;
    }

    /// <summary>The id sent as <c>Key-Pair-Id</c>.</summary>
    public string KeyPairId { get; }

    /// <summary>The hash used for signatures.</summary>
    public CloudFrontHashAlgorithm HashAlgorithm { get; }

    /// <summary>The private key's algorithm: <c>RSA</c> or <c>ECDSA</c>.</summary>
    public string KeyAlgorithm => rsa is not null ? "RSA" : "ECDSA";

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
        CloudFrontHashAlgorithm hashAlgorithm = CloudFrontHashAlgorithm.Sha1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StaticPublishException(
                ErrorCodes.InvalidPrivateKey,
                $"The CloudFront private key file '{Path.GetFullPath(path)}' was not found. Check the path, or give the PEM text in {DefaultSettingName} instead.",
                e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new StaticPublishException(
                ErrorCodes.InvalidPrivateKey,
                $"The CloudFront private key file '{path}' could not be read ({e.GetType().Name}: {e.Message}). Check that the path is a readable file.",
                e);
        }

        return new CloudFrontSigner(keyPairId, pem, hashAlgorithm, $"The CloudFront private key file '{path}'");
    }

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
        string signature = CloudFrontBase64.Encode(SignPolicy(policy.ToJson()));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{url}{Separator(url)}Expires={policy.ExpiresEpochSeconds}&Signature={signature}&Key-Pair-Id={KeyPairId}{hashSuffix}");
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
        byte[] json = policy.ToJson();
        string signature = CloudFrontBase64.Encode(SignPolicy(json));
        return string.Concat(
            url,
            Separator(url),
            "Policy=",
            CloudFrontBase64.Encode(json),
            "&Signature=",
            signature,
            "&Key-Pair-Id=",
            KeyPairId,
            hashSuffix);
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
        byte[] json = policy.ToJson();
        string signature = CloudFrontBase64.Encode(SignPolicy(json));

        // CloudFront rebuilds a canned policy from the request URL, so a canned cookie with a wildcard resource
        // would match no request; such a policy is sent as custom instead.
        bool canned = policy.IsCanned && !policy.Resource.Contains('*', StringComparison.Ordinal);
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
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return rsa is not null
                ? rsa.SignData(policyUtf8, hashName, RSASignaturePadding.Pkcs1)
                // .NET's default ECDSA format is IEEE P1363 (r||s); CloudFront only accepts DER.
                : ecdsa!.SignData(policyUtf8, hashName, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    /// <summary>Releases the private key.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            rsa?.Dispose();
            ecdsa?.Dispose();
        }
    }

    private static string Separator(string url) => url.Contains('?', StringComparison.Ordinal) ? "&" : "?";

    private static void ValidateKeyPairId(string keyPairId)
    {
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
    }

    private static void ValidateUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
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

        int bad = url.AsSpan().IndexOfAnyExcept(UrlCharacters);
        if (bad >= 0)
        {
            throw InvalidUrl(
                url,
                string.Create(CultureInfo.InvariantCulture, $"it contains U+{(int)url[bad]:X4} at position {bad}, which must be percent-encoded. CloudFront compares the URL as the browser sends it, so encode the path and query (for example with Uri.EscapeDataString) before signing"));
        }

        int query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return;
        }

        foreach (Range part in url.AsSpan(query + 1).Split('&'))
        {
            ReadOnlySpan<char> pair = url.AsSpan(query + 1)[part];
            int equals = pair.IndexOf('=');
            ReadOnlySpan<char> name = equals < 0 ? pair : pair[..equals];
            foreach (string reserved in ReservedParameters)
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

    private static (RSA? Rsa, ECDsa? Ecdsa) ImportPrivateKey(string pem, string settingName)
    {
        var (privateKeys, otherLabels) = FindPemBlocks(pem);
        if (privateKeys.Count == 0)
        {
            throw new StaticPublishException(ErrorCodes.InvalidPrivateKey, DescribeMissingKey(pem, otherLabels, settingName));
        }

        if (privateKeys.Count > 1)
        {
            throw new StaticPublishException(
                ErrorCodes.InvalidPrivateKey,
                $"{settingName} holds {privateKeys.Count} private keys. Keep only the one whose public key is in the CloudFront key group.");
        }

        var (label, block) = privateKeys[0];
        ReadOnlySpan<char> text = pem.AsSpan(block);
        try
        {
            return label switch
            {
                "RSA PRIVATE KEY" => (CheckRsa(ImportRsa(text), settingName), null),
                "EC PRIVATE KEY" => (null, CheckEcdsa(ImportEcdsa(text), settingName)),
                _ => ImportPkcs8(text, settingName),
            };
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // The inner exception explains the decoding failure; the message never echoes the key itself.
            throw new StaticPublishException(
                ErrorCodes.InvalidPrivateKey,
                $"{settingName} has a '-----BEGIN {label}-----' block that could not be decoded as a private key. Check that the whole PEM was copied without lost or changed lines. {ExpectedPem}",
                e);
        }
    }

    private static (List<(string Label, Range Block)> PrivateKeys, List<string> OtherLabels) FindPemBlocks(string pem)
    {
        var privateKeys = new List<(string, Range)>();
        var otherLabels = new List<string>();
        int offset = 0;
        while (offset < pem.Length && PemEncoding.TryFind(pem.AsSpan(offset), out PemFields fields))
        {
            ReadOnlySpan<char> rest = pem.AsSpan(offset);
            string label = rest[fields.Label].ToString();
            (int start, int length) = fields.Location.GetOffsetAndLength(rest.Length);
            if (label is "RSA PRIVATE KEY" or "EC PRIVATE KEY" or "PRIVATE KEY")
            {
                privateKeys.Add((label, new Range(offset + start, offset + start + length)));
            }
            else
            {
                otherLabels.Add(label);
            }

            offset += start + length;
        }

        return (privateKeys, otherLabels);
    }

    private static string DescribeMissingKey(string pem, List<string> otherLabels, string settingName)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return $"{settingName} is empty. Set it to the PEM text of the CloudFront private key. {ExpectedPem}";
        }

        // Legacy encrypted PKCS#1 has "Proc-Type: 4,ENCRYPTED" headers, which PemEncoding does not parse.
        if (otherLabels.Contains("ENCRYPTED PRIVATE KEY") || pem.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            return $"{settingName} holds an encrypted private key, which cannot be used without its password. Decrypt it once with 'openssl pkey -in encrypted.pem -out private_key.pem' and keep the result in a secret store. {ExpectedPem}";
        }

        if (otherLabels.Exists(static l => l.Contains("PUBLIC KEY", StringComparison.Ordinal) || l == "CERTIFICATE"))
        {
            return $"{settingName} holds a public key or certificate, not the private key. CloudFront holds the public key; StaticPublish needs the matching private key. {ExpectedPem}";
        }

        if (otherLabels.Contains("OPENSSH PRIVATE KEY"))
        {
            return $"{settingName} holds an OpenSSH private key. Convert it to PEM with 'ssh-keygen -p -m PEM -f <file>'. {ExpectedPem}";
        }

        if (pem.Contains("\\n", StringComparison.Ordinal))
        {
            return $"{settingName} does not hold a PEM private key: it contains literal '\\n' sequences where line breaks belong. Store the PEM with real line breaks. {ExpectedPem}";
        }

        return $"{settingName} does not hold a PEM private key. {ExpectedPem}";
    }

    private static RSA ImportRsa(ReadOnlySpan<char> pem)
    {
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static ECDsa ImportEcdsa(ReadOnlySpan<char> pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    // PKCS#8 does not say the algorithm in its label, so try RSA and then ECDSA.
    private static (RSA? Rsa, ECDsa? Ecdsa) ImportPkcs8(ReadOnlySpan<char> pem, string settingName)
    {
        try
        {
            return (CheckRsa(ImportRsa(pem), settingName), null);
        }
        catch (CryptographicException)
        {
        }

        try
        {
            return (null, CheckEcdsa(ImportEcdsa(pem), settingName));
        }
        catch (CryptographicException e)
        {
            throw new StaticPublishException(
                ErrorCodes.InvalidPrivateKey,
                $"{settingName} holds a PKCS#8 private key that is neither RSA nor ECDSA (for example Ed25519), or is damaged. CloudFront signs only with RSA 2048-bit or ECDSA P-256 keys. {ExpectedPem}",
                e);
        }
    }

    private static RSA CheckRsa(RSA key, string settingName)
    {
        if (key.KeySize >= 2048)
        {
            return key;
        }

        int bits = key.KeySize;
        key.Dispose();
        throw new StaticPublishException(
            ErrorCodes.InvalidPrivateKey,
            string.Create(CultureInfo.InvariantCulture, $"{settingName} holds a {bits}-bit RSA key, but CloudFront needs RSA keys of 2048 bits. Create one with 'openssl genrsa -out private_key.pem 2048' and upload its public key to CloudFront."));
    }

    private static ECDsa CheckEcdsa(ECDsa key, string settingName)
    {
        ECCurve curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (curve.IsNamed && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "prime256v1" or "secp256r1"))
        {
            return key;
        }

        string name = curve.IsNamed ? $"curve '{curve.Oid.FriendlyName ?? curve.Oid.Value}'" : "an explicit (unnamed) curve";
        key.Dispose();
        throw new StaticPublishException(
            ErrorCodes.InvalidPrivateKey,
            $"{settingName} holds an ECDSA key on {name}, but CloudFront accepts ECDSA keys only on P-256 (prime256v1). Create one with 'openssl ecparam -name prime256v1 -genkey -noout -out private_key.pem'.");
    }
}
