using System.Security.Cryptography;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Signing;

namespace StaticPublish.Core.Tests.Signing;

[TestClass]
public sealed class CloudFrontSignerEcdsaTests
{
    private const string Url = "https://cdn.example.com/private/report.pdf";
    private static readonly DateTimeOffset Expires = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

    [TestMethod]
    [DataRow("sec1", CloudFrontHashAlgorithm.Sha1)]
    [DataRow("sec1", CloudFrontHashAlgorithm.Sha256)]
    [DataRow("pkcs8", CloudFrontHashAlgorithm.Sha1)]
    [DataRow("pkcs8", CloudFrontHashAlgorithm.Sha256)]
    public void Signature_is_der_and_verifies_with_the_public_key(string format, CloudFrontHashAlgorithm hash)
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.EcPrivatePem(format), hash);
        var policy = new CloudFrontPolicy(Url, Expires).ToJson();

        var signature = signer.SignPolicy(policy);

        Assert.AreEqual("ECDSA", signer.KeyAlgorithm);
        // DER: SEQUENCE tag, then a short-form length covering the rest (P1363 would be exactly 64 bytes, r||s).
        Assert.AreEqual(0x30, signature[0]);
        Assert.AreEqual(signature.Length - 2, signature[1]);
        Assert.IsTrue(TestKeys.VerifyEcdsaDer(policy, signature, TestKeys.HashName(hash)));
    }

    [TestMethod]
    public void Signed_url_signature_verifies_and_names_sha256()
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.EcPrivatePem("sec1"), CloudFrontHashAlgorithm.Sha256);

        var parameters = SignedUrl.AppendedParameters(signer.SignCanned(Url, Expires), Url);

        Assert.AreEqual("Expires Signature Key-Pair-Id Hash-Algorithm", SignedUrl.Names(parameters));
        var signature = SignedUrl.FromCloudFrontBase64(SignedUrl.Value(parameters, "Signature"));
        Assert.IsTrue(TestKeys.VerifyEcdsaDer(new CloudFrontPolicy(Url, Expires).ToJson(), signature, HashAlgorithmName.SHA256));
    }

    [TestMethod]
    public void Openssl_ecparam_output_with_parameters_block_is_accepted()
    {
        // 'openssl ecparam -genkey' writes an EC PARAMETERS block (the prime256v1 OID) before the key.
        var pem = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + TestKeys.EcPrivatePem("sec1");
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, pem, CloudFrontHashAlgorithm.Sha256);
        var policy = new CloudFrontPolicy(Url, Expires).ToJson();

        Assert.IsTrue(TestKeys.VerifyEcdsaDer(policy, signer.SignPolicy(policy), HashAlgorithmName.SHA256));
    }

    [TestMethod]
    [DataRow("nistP384", "sec1")]
    [DataRow("nistP384", "pkcs8")]
    [DataRow("nistP521", "pkcs8")]
    [DataRow("secP256k1", "sec1")]
    public void Curves_other_than_p256_are_rejected(string curveName, string format)
    {
        using var key = ECDsa.Create(ECCurve.CreateFromFriendlyName(curveName));
        var pem = format == "sec1" ? key.ExportECPrivateKeyPem() : key.ExportPkcs8PrivateKeyPem();

        var error = Assert.ThrowsExactly<StaticPublishException>(() => new CloudFrontSigner(TestKeys.KeyPairId, pem));

        Assert.AreEqual(ErrorCodes.InvalidPrivateKey, error.Code);
        Assert.Contains("CloudFrontPrivateKey", error.Message);
        Assert.Contains("P-256", error.Message);
    }
}
