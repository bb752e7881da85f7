using System.Globalization;
using System.Security.Cryptography;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Signing;

/// <summary>
/// A CloudFront signing key (RSA 2048+ or ECDSA P-256) loaded from PEM text or a PEM file. This is the one place keys
/// are imported, so every face (the storage, the runtime, the CLI) gives the same <c>SPUB2002</c> errors, which name
/// where the key came from and never echo it.
/// </summary>
public sealed class CloudFrontPrivateKey : IDisposable
{
    /// <summary>The setting name used in error messages when the caller gives none.</summary>
    public const string DefaultSettingName = "CloudFrontPrivateKey";

    private const string ExpectedPem =
        "Expected '-----BEGIN PRIVATE KEY-----' (PKCS#8), '-----BEGIN RSA PRIVATE KEY-----' (PKCS#1) or "
        + "'-----BEGIN EC PRIVATE KEY-----' (SEC1), unencrypted, holding an RSA 2048-bit or ECDSA P-256 key; "
        + "include the BEGIN and END lines.";

    private const string P256Oid = "1.2.840.10045.3.1.7";

    private CloudFrontPrivateKey(RSA? rsa, ECDsa? ecdsa)
    {
        Rsa = rsa;
        Ecdsa = ecdsa;
    }

    /// <summary>The private key's algorithm: <c>RSA</c> or <c>ECDSA</c>.</summary>
    public string Algorithm => Rsa is not null ? "RSA" : "ECDSA";

    internal RSA? Rsa { get; }

    internal ECDsa? Ecdsa { get; }

    /// <summary>Imports a private key from PEM text.</summary>
    /// <param name="pem">
    /// PKCS#8 (<c>PRIVATE KEY</c>), PKCS#1 (<c>RSA PRIVATE KEY</c>) or SEC1 (<c>EC PRIVATE KEY</c>), unencrypted. RSA keys
    /// need at least 2048 bits (CloudFront takes exactly 2048); ECDSA keys must be on P-256. Other PEM blocks, such as
    /// <c>EC PARAMETERS</c>, are ignored.
    /// </param>
    /// <param name="settingName">What error messages call the key, for example the configuration key it came from.</param>
    /// <exception cref="StaticPublishException">
    /// <see cref="ErrorCodes.InvalidPrivateKey"/> when the PEM is empty, encrypted, a public key, undecodable, or not an
    /// RSA 2048+ or ECDSA P-256 key.
    /// </exception>
    public static CloudFrontPrivateKey FromPem(string pem, string settingName = DefaultSettingName)
    {
        ArgumentNullException.ThrowIfNull(pem);
        ArgumentException.ThrowIfNullOrEmpty(settingName);
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
        var text = pem.AsSpan(block);
        try
        {
            return label switch
            {
                "RSA PRIVATE KEY" => new(CheckRsa(Import(RSA.Create(), text), settingName), null),
                "EC PRIVATE KEY" => new(null, CheckEcdsa(Import(ECDsa.Create(), text), settingName)),
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

    /// <summary>Reads a PEM file and imports the private key in it; see <see cref="FromPem"/> for the formats.</summary>
    /// <exception cref="StaticPublishException">
    /// <see cref="ErrorCodes.InvalidPrivateKey"/> when the file cannot be read or does not hold a usable key; the
    /// message names the path.
    /// </exception>
    public static CloudFrontPrivateKey FromFile(string path)
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

        return FromPem(pem, $"The CloudFront private key file '{path}'");
    }

    /// <summary>Releases the key.</summary>
    public void Dispose()
    {
        Rsa?.Dispose();
        Ecdsa?.Dispose();
    }

    private static (List<(string Label, Range Block)> PrivateKeys, List<string> OtherLabels) FindPemBlocks(string pem)
    {
        var privateKeys = new List<(string, Range)>();
        var otherLabels = new List<string>();
        var offset = 0;
        while (offset < pem.Length && PemEncoding.TryFind(pem.AsSpan(offset), out var fields))
        {
            var rest = pem.AsSpan(offset);
            var label = rest[fields.Label].ToString();
            var (start, length) = fields.Location.GetOffsetAndLength(rest.Length);
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

    private static T Import<T>(T key, ReadOnlySpan<char> pem)
        where T : AsymmetricAlgorithm
    {
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
    private static CloudFrontPrivateKey ImportPkcs8(ReadOnlySpan<char> pem, string settingName)
    {
        try
        {
            return new(CheckRsa(Import(RSA.Create(), pem), settingName), null);
        }
        catch (CryptographicException)
        {
        }

        try
        {
            return new(null, CheckEcdsa(Import(ECDsa.Create(), pem), settingName));
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

        var bits = key.KeySize;
        key.Dispose();
        throw new StaticPublishException(
            ErrorCodes.InvalidPrivateKey,
            string.Create(CultureInfo.InvariantCulture, $"{settingName} holds a {bits}-bit RSA key, but CloudFront needs RSA keys of 2048 bits. Create one with 'openssl genrsa -out private_key.pem 2048' and upload its public key to CloudFront."));
    }

    private static ECDsa CheckEcdsa(ECDsa key, string settingName)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (curve.IsNamed && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "prime256v1" or "secp256r1"))
        {
            return key;
        }

        var name = curve.IsNamed ? $"curve '{curve.Oid.FriendlyName ?? curve.Oid.Value}'" : "an explicit (unnamed) curve";
        key.Dispose();
        throw new StaticPublishException(
            ErrorCodes.InvalidPrivateKey,
            $"{settingName} holds an ECDSA key on {name}, but CloudFront accepts ECDSA keys only on P-256 (prime256v1). Create one with 'openssl ecparam -name prime256v1 -genkey -noout -out private_key.pem'.");
    }
}
