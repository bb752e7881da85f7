using System.Security.Cryptography;
using System.Text;
using StaticPublish.Core.Publishing.Preparing;

namespace StaticPublish.Core.Tests.Preparing;

[TestClass]
public sealed class FingerprintsTests
{
    /// <summary>Vectors from the SDK's algorithm (StaticWebAsset.ToBase36 over the file's SHA-256).</summary>
    [TestMethod]
    [DataRow("hello", "0byauys3vb")]
    [DataRow("", "5ipweew5fc")]
    [DataRow("body { color: red; }\n", "ldgy5z068f")]
    public void Fingerprints_are_the_SDKs_own(string content, string fingerprint) =>
        Assert.AreEqual(fingerprint, Fingerprints.FromSha256(SHA256.HashData(Encoding.UTF8.GetBytes(content))));

    [TestMethod]
    [DataRow("css/site.css", "css/site.0123456789.css")]
    [DataRow("App.styles.css", "App.0123456789.styles.css")]
    [DataRow("_content/Lib/Lib.bundle.scp.css", "_content/Lib/Lib.0123456789.bundle.scp.css")]
    [DataRow("Lib.lib.module.js", "Lib.0123456789.lib.module.js")]
    [DataRow("LICENSE", "LICENSE.0123456789")]
    [DataRow(".well-known/x.json", ".well-known/x.0123456789.json")]
    [DataRow("a.b.c/d.tar.gz", "a.b.c/d.tar.0123456789.gz")]
    public void The_fingerprint_goes_before_the_extension_the_SDK_keeps_together(string path, string expected) =>
        Assert.AreEqual(expected, Fingerprints.Apply(path, "0123456789"));
}
