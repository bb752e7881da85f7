using System.Security.Cryptography;
using System.Text;
using StaticPublish.Core.Signing;

namespace StaticPublish.Core.Tests.Signing;

[TestClass]
public sealed class CloudFrontSignerRsaTests
{
    private const string Url = "https://cdn.example.com/private/report.pdf";
    private const long ExpiresEpoch = 1_767_225_600;
    private static readonly DateTimeOffset Expires = DateTimeOffset.FromUnixTimeSeconds(ExpiresEpoch);

    [TestMethod]
    [DataRow("pkcs1", CloudFrontHashAlgorithm.Sha1)]
    [DataRow("pkcs1", CloudFrontHashAlgorithm.Sha256)]
    [DataRow("pkcs8", CloudFrontHashAlgorithm.Sha1)]
    [DataRow("pkcs8", CloudFrontHashAlgorithm.Sha256)]
    public void Canned_url_signature_verifies_with_the_public_key(string format, CloudFrontHashAlgorithm hash)
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem(format), hash);

        var parameters = SignedUrl.AppendedParameters(signer.SignCanned(Url, Expires), Url);

        var policy = new CloudFrontPolicy(Url, Expires).ToJson();
        var signature = SignedUrl.FromCloudFrontBase64(SignedUrl.Value(parameters, "Signature"));
        Assert.IsTrue(TestKeys.VerifyRsa(policy, signature, TestKeys.HashName(hash)));
        Assert.IsFalse(
            TestKeys.VerifyRsa(policy, signature, TestKeys.HashName(hash == CloudFrontHashAlgorithm.Sha1 ? CloudFrontHashAlgorithm.Sha256 : CloudFrontHashAlgorithm.Sha1)),
            "The signature must be made with the configured hash only.");
    }

    [TestMethod]
    public void Canned_url_with_sha1_has_expires_signature_and_key_pair_id_only()
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"));

        var parameters = SignedUrl.AppendedParameters(signer.SignCanned(Url, Expires), Url);

        Assert.AreEqual("Expires Signature Key-Pair-Id", SignedUrl.Names(parameters));
        Assert.AreEqual("1767225600", SignedUrl.Value(parameters, "Expires"));
        Assert.AreEqual(TestKeys.KeyPairId, SignedUrl.Value(parameters, "Key-Pair-Id"));
    }

    [TestMethod]
    public void Canned_url_with_sha256_ends_with_hash_algorithm()
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"), CloudFrontHashAlgorithm.Sha256);

        var parameters = SignedUrl.AppendedParameters(signer.SignCanned(Url, Expires), Url);

        Assert.AreEqual("Expires Signature Key-Pair-Id Hash-Algorithm", SignedUrl.Names(parameters));
        Assert.AreEqual("SHA256", SignedUrl.Value(parameters, "Hash-Algorithm"));
    }

    [TestMethod]
    public void Url_with_a_query_gets_an_ampersand_and_the_query_is_signed()
    {
        var urlWithQuery = "https://cdn.example.com/static/site.css?v=3&lang=en";
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"));

        var signed = signer.SignCanned(urlWithQuery, Expires);

        StringAssert.StartsWith(signed, urlWithQuery + "&Expires=1767225600&Signature=");
        var parameters = SignedUrl.AppendedParameters(signed, urlWithQuery);
        var signature = SignedUrl.FromCloudFrontBase64(SignedUrl.Value(parameters, "Signature"));
        Assert.IsTrue(TestKeys.VerifyRsa(new CloudFrontPolicy(urlWithQuery, Expires).ToJson(), signature, HashAlgorithmName.SHA1));
    }

    [TestMethod]
    public void Url_without_a_query_gets_a_question_mark()
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"));

        StringAssert.StartsWith(signer.SignCanned(Url, Expires), Url + "?Expires=1767225600&Signature=");
    }

    [TestMethod]
    public void Expires_is_whole_unix_seconds_rounded_down()
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"));

        var signed = signer.SignCanned(Url, Expires.AddMilliseconds(999).ToOffset(TimeSpan.FromHours(-7)));

        Assert.AreEqual("1767225600", SignedUrl.Value(SignedUrl.AppendedParameters(signed, Url), "Expires"));
    }

    [TestMethod]
    public void Signature_uses_cloudfront_base64_with_padding_kept()
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"));

        var signature = SignedUrl.Value(SignedUrl.AppendedParameters(signer.SignCanned(Url, Expires), Url), "Signature");

        // 256 bytes of RSA-2048 signature is 344 Base64 characters, the last two padding.
        Assert.HasCount(344, signature);
        Assert.EndsWith("__", signature);
        Assert.IsFalse(signature.AsSpan().ContainsAny('+', '/', '='), signature);
    }

    [TestMethod]
    [DataRow(CloudFrontHashAlgorithm.Sha1)]
    [DataRow(CloudFrontHashAlgorithm.Sha256)]
    public void Custom_url_carries_the_policy_json_and_a_signature_over_it(CloudFrontHashAlgorithm hash)
    {
        var url = "https://cdn.example.com/private/2026/report.pdf?download=1";
        var policy = new CloudFrontPolicy("https://cdn.example.com/private/*", Expires, Expires.AddHours(-1), "192.0.2.0/24");
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs8"), hash);

        var parameters = SignedUrl.AppendedParameters(signer.SignCustom(url, policy), url);

        Assert.AreEqual(
            hash == CloudFrontHashAlgorithm.Sha256 ? "Policy Signature Key-Pair-Id Hash-Algorithm" : "Policy Signature Key-Pair-Id",
            SignedUrl.Names(parameters));
        var policyJson = SignedUrl.FromCloudFrontBase64(SignedUrl.Value(parameters, "Policy"));
        CollectionAssert.AreEqual(policy.ToJson(), policyJson);
        StringAssert.Contains(Encoding.UTF8.GetString(policyJson), "\"Resource\":\"https://cdn.example.com/private/*\"");
        var signature = SignedUrl.FromCloudFrontBase64(SignedUrl.Value(parameters, "Signature"));
        Assert.IsTrue(TestKeys.VerifyRsa(policyJson, signature, TestKeys.HashName(hash)));
        Assert.AreEqual(TestKeys.KeyPairId, SignedUrl.Value(parameters, "Key-Pair-Id"));
    }

    [TestMethod]
    [DataRow(Url, null, "Expires")]
    [DataRow("https://cdn.example.com/private/*", null, "Policy")]
    [DataRow(Url, "192.0.2.1", "Policy")]
    public void Sign_uses_the_canned_form_only_for_a_canned_policy_on_that_url(string resource, string? ip, string firstParameter)
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"));

        var signed = signer.Sign(Url, new CloudFrontPolicy(resource, Expires, ipAddress: ip));

        Assert.AreEqual(firstParameter, SignedUrl.AppendedParameters(signed, Url)[0].Key);
    }

    [TestMethod]
    public void Sign_with_a_canned_policy_equals_SignCanned()
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"));

        // RSA PKCS#1 v1.5 is deterministic, so both paths must give the same URL.
        Assert.AreEqual(signer.SignCanned(Url, Expires), signer.Sign(Url, new CloudFrontPolicy(Url, Expires)));
    }

    [TestMethod]
    [DataRow(CloudFrontHashAlgorithm.Sha1)]
    [DataRow(CloudFrontHashAlgorithm.Sha256)]
    public void Properties_describe_the_signer(CloudFrontHashAlgorithm hash)
    {
        using var signer = new CloudFrontSigner("APKAEIBAERJR2EXAMPLE", TestKeys.RsaPrivatePem("pkcs8"), hash);

        Assert.AreEqual("APKAEIBAERJR2EXAMPLE", signer.KeyPairId);
        Assert.AreEqual(hash, signer.HashAlgorithm);
        Assert.AreEqual("RSA", signer.KeyAlgorithm);
    }

    [TestMethod]
    public void Signing_from_many_threads_gives_the_same_signatures_as_one_thread()
    {
        using var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"), CloudFrontHashAlgorithm.Sha256);
        byte[][] policies =
        [
            .. Enumerable.Range(0, 64).Select(i => new CloudFrontPolicy($"https://cdn.example.com/{i}.css", Expires).ToJson()),
        ];
        byte[][] sequential = [.. policies.Select(p => signer.SignPolicy(p))];

        var parallel = new byte[policies.Length][];
        Parallel.For(0, policies.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = signer.SignPolicy(policies[i]));

        for (var i = 0; i < policies.Length; i++)
        {
            CollectionAssert.AreEqual(sequential[i], parallel[i], $"Policy {i}");
            Assert.IsTrue(TestKeys.VerifyRsa(policies[i], parallel[i], HashAlgorithmName.SHA256), $"Policy {i}");
        }
    }

    [TestMethod]
    public void Disposed_signer_refuses_to_sign()
    {
        var signer = new CloudFrontSigner(TestKeys.KeyPairId, TestKeys.RsaPrivatePem("pkcs1"));
        signer.Dispose();
        signer.Dispose();

        Assert.ThrowsExactly<ObjectDisposedException>(() => signer.SignCanned(Url, Expires));
    }

    [TestMethod]
    public void FromPemFile_reads_the_key()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("private_key.pem", TestKeys.RsaPrivatePem("pkcs8"));
        using var signer = CloudFrontSigner.FromPemFile(TestKeys.KeyPairId, path, CloudFrontHashAlgorithm.Sha256);

        var policy = Encoding.UTF8.GetBytes("policy");

        Assert.AreEqual(CloudFrontHashAlgorithm.Sha256, signer.HashAlgorithm);
        Assert.IsTrue(TestKeys.VerifyRsa(policy, signer.SignPolicy(policy), HashAlgorithmName.SHA256));
    }
}
