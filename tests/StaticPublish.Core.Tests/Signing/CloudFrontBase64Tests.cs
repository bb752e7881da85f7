using StaticPublish.Core.Signing;

namespace StaticPublish.Core.Tests.Signing;

[TestClass]
public sealed class CloudFrontBase64Tests
{
    [TestMethod]
    [DataRow("", "")]
    [DataRow("66", "Zg__")]              // "f": padding '=' becomes '_'
    [DataRow("6667", "Zmc_")]
    [DataRow("666f6f", "Zm9v")]
    [DataRow("fbefbe", "----")]          // "++++"
    [DataRow("ffffff", "~~~~")]          // "////"
    [DataRow("fbff", "-~8_")]            // "+/8="
    [DataRow("ff", "~w__")]              // "/w=="
    public void Encode_maps_the_standard_alphabet(string hex, string expected)
    {
        var data = Convert.FromHexString(hex);

        Assert.AreEqual(expected, CloudFrontBase64.Encode(data));
        CollectionAssert.AreEqual(data, CloudFrontBase64.Decode(expected));
    }

    [TestMethod]
    [DataRow(255)]
    [DataRow(384)]   // exactly the stack buffer
    [DataRow(385)]
    [DataRow(5000)]  // rented buffer
    public void Encode_matches_mapped_standard_base64_at_any_length(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);

        var encoded = CloudFrontBase64.Encode(data);

        Assert.AreEqual(SignedUrl.ToCloudFrontBase64(data), encoded);
        Assert.IsFalse(encoded.AsSpan().ContainsAny('+', '/', '='), encoded);
        CollectionAssert.AreEqual(data, CloudFrontBase64.Decode(encoded));
    }

    [TestMethod]
    [DataRow("+w==")]
    [DataRow("/w__")]
    [DataRow("Zg=_")]
    public void Decode_rejects_standard_base64_symbols(string text) =>
        Assert.ThrowsExactly<FormatException>(() => CloudFrontBase64.Decode(text));
}
