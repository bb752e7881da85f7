using System.IO.Compression;
using StaticPublish.Core.Compression;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.Core.Text;

namespace StaticPublish.Core.Tests.Units;

[TestClass]
public sealed class GzipAndContentTypeTests
{
    [TestMethod]
    public async Task Gzip_output_is_deterministic_and_decompresses_to_the_input()
    {
        var css = Bytes.Css(500);

        var first = DeterministicGzip.Compress(css);
        var second = DeterministicGzip.Compress(css);

        CollectionAssert.AreEqual(first, second);
        CollectionAssert.AreEqual(new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF }, first[..10], "no name, zero mtime, fixed OS byte");
        await using var gunzip = new GZipStream(new MemoryStream(first), CompressionMode.Decompress);
        CollectionAssert.AreEqual(css, await Bytes.ReadAllAsync(gunzip));
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    [DataRow(100_000)]
    public async Task Gzip_trailer_holds_crc_and_length(int length)
    {
        var data = Bytes.Random(length, seed: length);

        var compressed = DeterministicGzip.Compress(data);

        await using var gunzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        CollectionAssert.AreEqual(data, await Bytes.ReadAllAsync(gunzip), "GZipStream verifies the CRC and length");
        Assert.AreEqual((uint)length, BitConverter.ToUInt32(compressed, compressed.Length - 4));
    }

    [TestMethod]
    [DataRow("app.wasm", "application/wasm")]
    [DataRow("module.mjs", "text/javascript")]
    [DataRow("site.js", "text/javascript")]
    [DataRow("logo.SVG", "image/svg+xml")]
    [DataRow("font.woff2", "font/woff2")]
    [DataRow("site.webmanifest", "application/manifest+json")]
    [DataRow("css/site.css", "text/css")]
    [DataRow("data.json", "application/json")]
    [DataRow("app.js.map", "application/json")]
    [DataRow("photo.avif", "image/avif")]
    [DataRow("unknown.xyz", "application/octet-stream")]
    [DataRow("noextension", "application/octet-stream")]
    public void Content_types_never_fall_back_for_known_web_types(string path, string expected) =>
        Assert.AreEqual(expected, ContentTypes.Get(path));

    [TestMethod]
    [DataRow("text/javascript", true)]
    [DataRow("text/javascript; charset=utf-8", true)]
    [DataRow("Application/JavaScript", true)]
    [DataRow("application/x-javascript", true)]
    [DataRow("application/json", false)]
    [DataRow("text/css", false)]
    public void JavaScript_is_recognised_with_parameters_and_under_legacy_names(string contentType, bool expected) =>
        Assert.AreEqual(expected, ContentTypes.IsJavaScript(contentType));
}
