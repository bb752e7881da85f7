using System.Security.Cryptography;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Signing;

namespace StaticPublish.Core.Tests.Signing;

[TestClass]
public sealed class CloudFrontSignerErrorTests
{
    private static readonly DateTimeOffset Expires = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

    // RFC 8410's example Ed25519 key: a valid PKCS#8 key of an algorithm CloudFront does not use.
    private const string Ed25519Pem = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
        -----END PRIVATE KEY-----
        """;

    [TestMethod]
    [DataRow("garbage", "does not hold a PEM private key")]
    [DataRow("empty", "is empty")]
    [DataRow("whitespace", "is empty")]
    [DataRow("spki public key", "public key")]
    [DataRow("pkcs1 public key", "public key")]
    [DataRow("encrypted pkcs8", "encrypted")]
    [DataRow("encrypted pkcs1", "encrypted")]
    [DataRow("rsa 1024", "1024-bit RSA key")]
    [DataRow("ed25519", "neither RSA nor ECDSA")]
    [DataRow("damaged", "could not be decoded")]
    [DataRow("two keys", "2 private keys")]
    [DataRow("escaped newlines", "literal '\\n'")]
    public void Unusable_pem_is_rejected_with_the_setting_named(string @case, string reason)
    {
        var pem = PemFor(@case);

        var error = Assert.ThrowsExactly<StaticPublishException>(
            () => new CloudFrontSigner(TestKeys.KeyPairId, pem, settingName: "StaticPublish:CloudFront:PrivateKey"));

        Assert.AreEqual(ErrorCodes.InvalidPrivateKey, error.Code);
        StringAssert.StartsWith(error.Message, "StaticPublish:CloudFront:PrivateKey ");
        Assert.Contains(reason, error.Message);
        AssertNoKeyMaterial(pem, error.Message);
    }

    [TestMethod]
    public void Default_setting_name_says_what_is_expected()
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(() => new CloudFrontSigner(TestKeys.KeyPairId, "not a key"));

        Assert.AreEqual(
            "CloudFrontPrivateKey does not hold a PEM private key. Expected '-----BEGIN PRIVATE KEY-----' (PKCS#8), "
            + "'-----BEGIN RSA PRIVATE KEY-----' (PKCS#1) or '-----BEGIN EC PRIVATE KEY-----' (SEC1), unencrypted, "
            + "holding an RSA 2048-bit or ECDSA P-256 key; include the BEGIN and END lines.",
            error.Message);
    }

    [TestMethod]
    public void Missing_key_file_is_named()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "missing.pem");

        var error = Assert.ThrowsExactly<StaticPublishException>(() => CloudFrontSigner.FromPemFile(TestKeys.KeyPairId, path));

        Assert.AreEqual(ErrorCodes.InvalidPrivateKey, error.Code);
        Assert.Contains($"'{path}' was not found", error.Message);
    }

    [TestMethod]
    public void Unreadable_key_file_is_named()
    {
        using var folder = new TempDirectory();

        // A directory cannot be read as a file on any platform.
        var error = Assert.ThrowsExactly<StaticPublishException>(() => CloudFrontSigner.FromPemFile(TestKeys.KeyPairId, folder.Path));

        Assert.AreEqual(ErrorCodes.InvalidPrivateKey, error.Code);
        Assert.Contains($"'{folder.Path}'", error.Message);
    }

    [TestMethod]
    public void Key_file_holding_a_public_key_is_named()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("public_key.pem", TestKeys.RsaPublicPem);

        var error = Assert.ThrowsExactly<StaticPublishException>(() => CloudFrontSigner.FromPemFile(TestKeys.KeyPairId, path));

        Assert.AreEqual(ErrorCodes.InvalidPrivateKey, error.Code);
        StringAssert.StartsWith(error.Message, $"The CloudFront private key file '{path}' holds a public key");
    }

    [TestMethod]
    [DataRow("https://cdn.example.com/a.css#top", "fragment")]
    [DataRow("https://cdn.example.com/a.css?v=1#", "fragment")]
    [DataRow("/static/a.css", "not an absolute http or https URL")]
    [DataRow("static/a.css", "not an absolute http or https URL")]
    [DataRow("cdn.example.com/a.css", "not an absolute http or https URL")]
    [DataRow("ftp://cdn.example.com/a.css", "not an absolute http or https URL")]
    [DataRow("file:///etc/passwd", "not an absolute http or https URL")]
    [DataRow("https:/cdn.example.com/a.css", "not an absolute http or https URL")]
    [DataRow("", "not an absolute http or https URL")]
    [DataRow("https://cdn.example.com/a b.css", "U+0020")]
    [DataRow("https://cdn.example.com/caf\u00e9.css", "U+00E9")]
    [DataRow("https://cdn.example.com/a.css?q=\"x\"", "U+0022")]
    [DataRow("https://cdn.example.com/a.css?Signature=abc", "'Signature'")]
    [DataRow("https://cdn.example.com/a.css?v=1&Expires=1", "'Expires'")]
    [DataRow("https://cdn.example.com/a.css?Policy", "'Policy'")]
    [DataRow("https://cdn.example.com/a.css?x=1&Key-Pair-Id=K&y=2", "'Key-Pair-Id'")]
    [DataRow("https://cdn.example.com/a.css?Hash-Algorithm=SHA256", "'Hash-Algorithm'")]
    public void Url_that_cloudfront_cannot_check_is_rejected(string url, string reason)
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"));
        var policy = new CloudFrontPolicy("https://cdn.example.com/*", Expires, ipAddress: "192.0.2.1");

        var canned = Assert.ThrowsExactly<StaticPublishException>(() => signer.SignCanned(url, Expires));
        var custom = Assert.ThrowsExactly<StaticPublishException>(() => signer.SignCustom(url, policy));

        foreach (var error in new[] { canned, custom })
        {
            Assert.AreEqual(ErrorCodes.InvalidSigningUrl, error.Code);
            StringAssert.StartsWith(error.Message, $"The URL '{url}' cannot be CloudFront-signed: ");
            Assert.Contains(reason, error.Message);
        }
    }

    [TestMethod]
    [DataRow("https://cdn.example.com/a.css?expires=1&signature=2")]  // CloudFront's names are case-sensitive
    [DataRow("https://cdn.example.com/a.css?MyPolicy=1&x=Signature")]
    [DataRow("HTTP://localhost:8080/a%20b.css")]
    [DataRow("https://cdn.example.com/a.css?")]
    public void Url_with_similar_but_unreserved_names_is_signed(string url)
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"));

        StringAssert.StartsWith(signer.SignCanned(url, Expires), url);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("K2JC JMDEHXQW5F")]
    [DataRow("K2JCJMDEHXQW5F&x=1")]
    [DataRow("K2JCJMDEHXQW5F\n")]
    public void Invalid_key_pair_id_is_rejected(string keyPairId)
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(
            () => new CloudFrontSigner(keyPairId, TestKeys.RsaPrivatePem("pkcs1")));

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        Assert.Contains("key pair id", error.Message);
    }

    [TestMethod]
    public void Unknown_hash_algorithm_is_rejected() =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"), (CloudFrontHashAlgorithm)7));

    private static string PemFor(string @case)
    {
        switch (@case)
        {
            case "garbage":
                return "this is not a key";
            case "empty":
                return string.Empty;
            case "whitespace":
                return " \n\t ";
            case "spki public key":
                return TestKeys.RsaPublicPem;
            case "pkcs1 public key":
            {
                using var key = RSA.Create();
                key.ImportFromPem(TestKeys.RsaPublicPem);
                return key.ExportRSAPublicKeyPem();
            }

            case "encrypted pkcs8":
            {
                using var key = RSA.Create();
                key.ImportFromPem(TestKeys.RsaPrivatePem("pkcs1"));
                return key.ExportEncryptedPkcs8PrivateKeyPem(
                    "correct horse",
                    new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
            }

            case "encrypted pkcs1":
                // Legacy OpenSSL encryption: RFC 1421 headers inside the block, which PEM (RFC 7468) parsers refuse.
                return TestKeys.RsaPrivatePem("pkcs1").Replace(
                    "-----BEGIN RSA PRIVATE KEY-----\n",
                    "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n",
                    StringComparison.Ordinal);
            case "rsa 1024":
            {
                using var key = RSA.Create(1024);
                return key.ExportPkcs8PrivateKeyPem();
            }

            case "ed25519":
                return Ed25519Pem;
            case "damaged":
            {
                // Valid armour and Base64, but the DER inside is cut short.
                var pem = TestKeys.RsaPrivatePem("pkcs1");
                var lines = pem.Split('\n');
                return string.Join('\n', lines.Take(5).Append(lines[^1]));
            }

            case "two keys":
                return TestKeys.RsaPrivatePem("pkcs1") + "\n" + TestKeys.EcPrivatePem("sec1");
            case "escaped newlines":
                return TestKeys.RsaPrivatePem("pkcs8").Replace("\n", "\\n", StringComparison.Ordinal);
            default:
                throw new ArgumentOutOfRangeException(nameof(@case), @case, "Unknown case.");
        }
    }

    private static void AssertNoKeyMaterial(string pem, string message)
    {
        foreach (var line in pem.Split('\n'))
        {
            if (line.Length >= 16 && !line.StartsWith("-----", StringComparison.Ordinal) && !line.Contains(':', StringComparison.Ordinal))
            {
                Assert.DoesNotContain(line[..16], message, "The message must not echo key material.");
            }
        }
    }
}
