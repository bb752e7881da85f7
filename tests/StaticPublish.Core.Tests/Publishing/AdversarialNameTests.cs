using System.Net;
using System.Text;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Publishing;

/// <summary>
/// Names that break naive URL and key handling are published, and every one is fetched back through its manifest URL
/// (fingerprinted and original name) with the bytes it had; a CSS file referencing them is rewritten to URLs that work.
/// </summary>
[TestClass]
public sealed class AdversarialNameTests : BucketTestClass<AdversarialNameTests>
{
    private static readonly string[] Names =
    [
        "a b.txt", "a+b.txt", "a#b.txt", "a?b.txt", "100%.txt", "a&b.txt", "semi;colon.txt", "quote'.txt",
        "caf\u00e9.txt", "cafe\u0301.txt", "emoji-\U0001F389.txt", "--leading-dash.txt", "Case.txt", "case.txt",
        "dots..in..name.txt", "x..dir/inside.txt", "deep/ünï cødé/ファイル.txt",
    ];

    private static StorageFixture Fixture => new(Bucket);

    [TestMethod]
    public async Task Every_awkward_name_round_trips_through_its_manifest_url_under_both_names()
    {
        var root = Directory.CreateTempSubdirectory("sp-names-");
        try
        {
            foreach (var name in Names)
            {
                var path = Path.Combine(root.FullName, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, "content of " + name);
            }

            var references = string.Concat(Names.Select((n, i) => $".r{i} {{ background: url(\"../{string.Join('/', n.Split('/').Select(Uri.EscapeDataString))}\"); }}\n"));
            Directory.CreateDirectory(Path.Combine(root.FullName, "css"));
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "css", "refs.css"), references);
            var options = new StaticPublishOptions
            {
                Storage = Fixture.Options(o => o.DefaultAcl = "public-read"),
                ManifestPath = Path.Combine(root.FullName + "-out", AssetManifest.FileName),
            };
            var log = new RecordingPublishLog();

            var result = await new StaticAssetPublisher(log).PublishDirectoryAsync(root.FullName, options);

            Assert.IsEmpty(log.Warnings.Where(w => w.Code == ErrorCodes.MissingReference), string.Join("; ", log.Warnings));
            using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip });
            foreach (var name in Names)
            {
                var entry = result.Manifest.Assets[name];
                var fingerprinted = await http.GetStringAsync(new Uri(result.Manifest.BaseUrl + entry.Path));
                var original = await http.GetStringAsync(new Uri(result.Manifest.BaseUrl + string.Join('/', name.Split('/').Select(Uri.EscapeDataString))));
                Assert.AreEqual("content of " + name, fingerprinted, name);
                Assert.AreEqual("content of " + name, original, $"{name} under its original name");
            }

            Assert.AreNotEqual(result.Manifest.Assets["Case.txt"].Key, result.Manifest.Assets["case.txt"].Key, "names that differ only in case stay apart");
            Assert.AreNotEqual(result.Manifest.Assets["caf\u00e9.txt"].Key, result.Manifest.Assets["cafe\u0301.txt"].Key, "NFC and NFD names stay apart, as the file system keeps them");

            // The rewritten CSS resolves each url() to the fingerprinted object, fetched relative to the CSS's own URL.
            var css = result.Manifest.Assets["css/refs.css"];
            var cssUrl = new Uri(result.Manifest.BaseUrl + css.Path);
            var text = await http.GetStringAsync(cssUrl);
            var urls = System.Text.RegularExpressions.Regex.Matches(text, @"url\(""(?<u>[^""]+)""\)").Select(m => m.Groups["u"].Value).ToList();
            Assert.HasCount(Names.Length, urls);
            for (var i = 0; i < Names.Length; i++)
            {
                Assert.AreEqual("content of " + Names[i], await http.GetStringAsync(new Uri(cssUrl, urls[i])), $"url({urls[i]}) in refs.css");
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task A_path_that_climbs_out_of_the_asset_root_is_SPUB2001()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "x", Encoding.UTF8);
            var climbing = new CollectedAsset("css/../../outside.txt", file, "outside.txt", "text/plain");

            var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() =>
                new StaticAssetPublisher().PublishAsync([climbing], new StaticPublishOptions { Storage = Fixture.Options() }));

            Assert.AreEqual(ErrorCodes.InvalidKeyName, error.Code);
            StringAssert.Contains(error.Message, "climbs out of the storage location");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
