using System.Text;
using StaticPublish.Core.Signing;

namespace StaticPublish.Core.Tests.Signing;

/// <summary>
/// Checks the signer against the openssl command line, the reference the AWS docs use. These tests are
/// inconclusive, never passing, when openssl is not installed.
/// </summary>
[TestClass]
public sealed class CloudFrontSignerOpenSslTests
{
    private const string Url = "https://cdn.example.com/private/report.pdf?v=2";
    private static readonly DateTimeOffset Expires = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

    [TestMethod]
    [DataRow("pkcs1", CloudFrontHashAlgorithm.Sha1, "-sha1")]
    [DataRow("pkcs1", CloudFrontHashAlgorithm.Sha256, "-sha256")]
    [DataRow("pkcs8", CloudFrontHashAlgorithm.Sha1, "-sha1")]
    [DataRow("pkcs8", CloudFrontHashAlgorithm.Sha256, "-sha256")]
    public async Task Rsa_signature_equals_openssl_byte_for_byte(string format, CloudFrontHashAlgorithm hash, string digest)
    {
        OpenSsl.Require();
        using var folder = new TempDirectory();
        // openssl always gets the PKCS#1 file, so both of our formats are compared with the same reference.
        var keyFile = folder.Write("key.pem", TestKeys.RsaPrivatePem("pkcs1"));
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem(format), hash);
        var policy = new CloudFrontPolicy("https://cdn.example.com/private/*", Expires, Expires.AddDays(-1), "192.0.2.10").ToJson();

        var expected = await OpenSsl.RunCheckedAsync(policy, "dgst", digest, "-sign", keyFile);

        Assert.HasCount(256, expected);
        CollectionAssert.AreEqual(expected, signer.SignPolicy(policy));
    }

    [TestMethod]
    [DataRow(CloudFrontHashAlgorithm.Sha1, "-sha1")]
    [DataRow(CloudFrontHashAlgorithm.Sha256, "-sha256")]
    public async Task Signed_url_signature_equals_the_aws_docs_pipeline(CloudFrontHashAlgorithm hash, string digest)
    {
        OpenSsl.Require();
        using var folder = new TempDirectory();
        var keyFile = folder.Write("key.pem", TestKeys.RsaPrivatePem("pkcs1"));
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"), hash);

        var signed = signer.SignCanned(Url, Expires);

        // printf %s "$POLICY" | openssl sha1 -sign key.pem | openssl base64 -A | tr '+=/' '-_~'
        var policy = Encoding.UTF8.GetBytes(
            """{"Statement":[{"Resource":"https://cdn.example.com/private/report.pdf?v=2","Condition":{"DateLessThan":{"AWS:EpochTime":1767225600}}}]}""");
        var reference = await OpenSsl.RunCheckedAsync(policy, "dgst", digest, "-sign", keyFile);
        Assert.AreEqual(
            SignedUrl.ToCloudFrontBase64(reference),
            SignedUrl.Value(SignedUrl.AppendedParameters(signed, Url), "Signature"));
    }

    [TestMethod]
    [DataRow("rsa", CloudFrontHashAlgorithm.Sha1, "-sha1")]
    [DataRow("rsa", CloudFrontHashAlgorithm.Sha256, "-sha256")]
    [DataRow("ecdsa", CloudFrontHashAlgorithm.Sha1, "-sha1")]
    [DataRow("ecdsa", CloudFrontHashAlgorithm.Sha256, "-sha256")]
    public async Task Openssl_verifies_our_signature_and_rejects_a_tampered_policy(string algorithm, CloudFrontHashAlgorithm hash, string digest)
    {
        OpenSsl.Require();
        using var folder = new TempDirectory();
        var rsa = algorithm == "rsa";
        var publicKeyFile = folder.Write("pub.pem", rsa ? TestKeys.RsaPublicPem : TestKeys.EcPublicPem);
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, rsa ? TestKeys.RsaPrivatePem("pkcs8") : TestKeys.EcPrivatePem("sec1"), hash);
        var policy = new CloudFrontPolicy(Url, Expires).ToJson();
        var signatureFile = folder.Write("sig.bin", signer.SignPolicy(policy));

        var genuine = await OpenSsl.RunAsync(policy, "dgst", digest, "-verify", publicKeyFile, "-signature", signatureFile);
        var tampered = new CloudFrontPolicy(Url, Expires.AddSeconds(1)).ToJson();
        var forged = await OpenSsl.RunAsync(tampered, "dgst", digest, "-verify", publicKeyFile, "-signature", signatureFile);

        Assert.AreEqual(0, genuine.ExitCode, $"openssl rejected our signature: {Encoding.UTF8.GetString(genuine.StandardOutput)} {genuine.StandardError}");
        Assert.AreNotEqual(0, forged.ExitCode, "openssl accepted the signature for a different policy.");
    }

    [TestMethod]
    [DataRow("genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out {key}")]   // PKCS#8
    [DataRow("genrsa -traditional -out {key} 2048")]                                // PKCS#1
    [DataRow("ecparam -name prime256v1 -genkey -out {key}")]                        // EC PARAMETERS + SEC1
    [DataRow("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out {key}")]  // PKCS#8
    public async Task Keys_generated_by_openssl_are_accepted(string generateCommand)
    {
        OpenSsl.Require();
        using var folder = new TempDirectory();
        var keyFile = Path.Combine(folder.Path, "key.pem");
        await OpenSsl.RunCheckedAsync([], [.. generateCommand.Split(' ').Select(a => a == "{key}" ? keyFile : a)]);
        var publicKeyFile = Path.Combine(folder.Path, "pub.pem");
        await OpenSsl.RunCheckedAsync([], "pkey", "-in", keyFile, "-pubout", "-out", publicKeyFile);
        using var signer = CloudFrontSigner.FromPemFile(TestKeys.KeyPairId, keyFile, CloudFrontHashAlgorithm.Sha256);
        var policy = new CloudFrontPolicy(Url, Expires).ToJson();
        var signatureFile = folder.Write("sig.bin", signer.SignPolicy(policy));

        var result = await OpenSsl.RunAsync(policy, "dgst", "-sha256", "-verify", publicKeyFile, "-signature", signatureFile);

        Assert.AreEqual(0, result.ExitCode, result.StandardError);
    }
}
