using System.Security.Cryptography;
using StaticPublish.Core.Signing;

namespace StaticPublish.Core.Tests.Signing;

[TestClass]
public sealed class CloudFrontSignerCookieTests
{
    private const string Url = "https://cdn.example.com/private/report.pdf";
    private static readonly DateTimeOffset Expires = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

    [TestMethod]
    public void Canned_cookies_carry_expires_signature_and_key_pair_id()
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"));
        var policy = new CloudFrontPolicy(Url, Expires);

        var cookies = signer.CreateCookies(policy);

        Assert.AreEqual("CloudFront-Expires CloudFront-Signature CloudFront-Key-Pair-Id", SignedUrl.Names(cookies.Cookies));
        Assert.IsTrue(cookies.IsCanned);
        Assert.AreEqual("1767225600", cookies.Expires);
        Assert.IsNull(cookies.Policy);
        Assert.IsNull(cookies.HashAlgorithm);
        Assert.AreEqual(TestKeys.KeyPairId, cookies.KeyPairId);
        Assert.IsTrue(TestKeys.VerifyRsa(policy.ToJson(), SignedUrl.FromCloudFrontBase64(cookies.Signature), HashAlgorithmName.SHA1));
        // Same values as the signed URL, as CloudFront expects.
        Assert.AreEqual(SignedUrl.Value(SignedUrl.AppendedParameters(signer.SignCanned(Url, Expires), Url), "Signature"), cookies.Signature);
    }

    [TestMethod]
    public void Custom_cookies_carry_the_policy()
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs8"));
        var policy = new CloudFrontPolicy("https://cdn.example.com/private/*", Expires, Expires.AddHours(-2), "2001:db8::/32");

        var cookies = signer.CreateCookies(policy);

        Assert.AreEqual("CloudFront-Policy CloudFront-Signature CloudFront-Key-Pair-Id", SignedUrl.Names(cookies.Cookies));
        Assert.IsFalse(cookies.IsCanned);
        Assert.IsNull(cookies.Expires);
        var policyJson = SignedUrl.FromCloudFrontBase64(cookies.Policy!);
        CollectionAssert.AreEqual(policy.ToJson(), policyJson);
        Assert.IsTrue(TestKeys.VerifyRsa(policyJson, SignedUrl.FromCloudFrontBase64(cookies.Signature), HashAlgorithmName.SHA1));
    }

    [TestMethod]
    public void Canned_shaped_policy_with_a_wildcard_is_sent_as_custom()
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"));
        var policy = new CloudFrontPolicy("https://cdn.example.com/private/*", Expires);

        var cookies = signer.CreateCookies(policy);

        Assert.AreEqual("CloudFront-Policy", cookies.Cookies[0].Key);
        CollectionAssert.AreEqual(policy.ToJson(), SignedUrl.FromCloudFrontBase64(cookies.Policy!));
    }

    [TestMethod]
    [DataRow("rsa")]
    [DataRow("ecdsa")]
    public void Sha256_cookies_end_with_the_hash_algorithm(string algorithm)
    {
        var rsa = algorithm == "rsa";
        using var signer = new CloudFrontSigner(
            TestKeys.KeyPairId,
            rsa ? TestKeys.RsaPrivatePem("pkcs1") : TestKeys.EcPrivatePem("pkcs8"),
            CloudFrontHashAlgorithm.Sha256);
        var policy = new CloudFrontPolicy("https://cdn.example.com/private/*", Expires, Expires.AddHours(-2));

        var cookies = signer.CreateCookies(policy);

        Assert.AreEqual("CloudFront-Policy CloudFront-Signature CloudFront-Key-Pair-Id CloudFront-Hash-Algorithm", SignedUrl.Names(cookies.Cookies));
        Assert.AreEqual("SHA256", cookies.HashAlgorithm);
        var signature = SignedUrl.FromCloudFrontBase64(cookies.Signature);
        Assert.IsTrue(rsa
            ? TestKeys.VerifyRsa(policy.ToJson(), signature, HashAlgorithmName.SHA256)
            : TestKeys.VerifyEcdsaDer(policy.ToJson(), signature, HashAlgorithmName.SHA256));
    }
}
