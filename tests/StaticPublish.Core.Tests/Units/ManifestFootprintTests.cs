using System.Text;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Storage;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Units;

/// <summary>What keeps tens of thousands of manifest entries small in memory, and the streamed manifest file.</summary>
[TestClass]
public sealed class ManifestFootprintTests
{
    [TestMethod]
    public void Reading_a_manifest_shares_one_string_per_distinct_type_encoding_and_cache_control()
    {
        var manifest = AssetManifestReader.Parse(Encoding.UTF8.GetBytes(Json(Entry("a.css"), Entry("b.css"))), "test");
        var (a, b) = (manifest.Assets["a.css"], manifest.Assets["b.css"]);

        Assert.AreEqual("text/css", a.ContentType);
        Assert.IsTrue(ReferenceEquals(a.ContentType, b.ContentType), "Content-Type");
        Assert.IsTrue(ReferenceEquals(a.ContentEncoding, b.ContentEncoding), "Content-Encoding");
        Assert.IsTrue(ReferenceEquals(a.CacheControl, b.CacheControl), "Cache-Control");
        Assert.IsTrue(ReferenceEquals(a.Original!.CacheControl, b.Original!.CacheControl), "the original name's Cache-Control");
        Assert.IsFalse(ReferenceEquals(a.Key, b.Key));
        Assert.AreNotEqual(a.Key, b.Key);
    }

    [TestMethod]
    public void The_manifest_file_is_streamed_to_the_same_bytes_and_rewritten_only_when_they_change()
    {
        using var folder = TempFolder.Create("sp-footprint-");
        var path = folder.PathOf(Path.Combine("out", "staticpublish.manifest.json"));
        var manifest = AssetManifestReader.Parse(Encoding.UTF8.GetBytes(Json(Entry("a.css"), Entry("b.css"))), "test");

        AssetManifestWriter.WriteIfChanged(path, manifest);
        CollectionAssert.AreEqual(AssetManifestWriter.Serialize(manifest), File.ReadAllBytes(path));
        var written = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);

        AssetManifestWriter.WriteIfChanged(path, manifest);
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(path), "the same bytes leave the file alone");

        var changed = manifest with { Release = "another" };
        AssetManifestWriter.WriteIfChanged(path, changed);
        CollectionAssert.AreEqual(AssetManifestWriter.Serialize(changed), File.ReadAllBytes(path));
        CollectionAssert.AreEqual(new[] { "staticpublish.manifest.json" }, Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).ToArray(), "no temp file is left");
    }

    [TestMethod]
    [DataRow("css/site.abc123.css", "css/site.abc123.css")]
    [DataRow("lib/a b/x+y.js", "lib/a%20b/x%2By.js")]
    [DataRow("img/caf\u00e9.png", "img/caf%C3%A9.png")]
    [DataRow("a~b/c_d-e.f", "a~b/c_d-e.f")]
    public void Keys_that_need_no_escaping_are_their_own_paths(string key, string expected)
    {
        var path = S3UrlBuilder.EncodeKey(key);

        Assert.AreEqual(expected, path);
        Assert.AreEqual(string.Join('/', key.Split('/').Select(Uri.EscapeDataString)), path, "the same as escaping each segment");
        Assert.AreEqual(key == expected, ReferenceEquals(key, path), "no copy when nothing changes");
    }

    [TestMethod]
    public async Task A_release_summary_reads_only_what_publish_and_prune_use_and_checks_the_rest()
    {
        var (summary, problem) = ReleaseSummary.From(await ReadSummaryJson(Record(Entry("a.css"), Entry("b.css"))));

        Assert.IsNull(problem);
        Assert.AreEqual("https://cdn.example/", summary!.BaseUrl);
        Assert.AreEqual(new StoredAsset(10, "text/css", "gzip", "sha256-x", Complete: true), summary.Assets["a.css"]);
        Assert.AreEqual("s1", summary.Objects["static/a.css"]);
    }

    [TestMethod]
    [DataRow("\"key\": \"static/a.css\",", "", "no key")]
    [DataRow("\"key\": \"static/a.css\",", "\"key\": \"\",", "an empty key")]
    [DataRow("\"path\": \"a.css\",", "\"path\": 3,", "a path that is not text")]
    [DataRow("\"fingerprinted\": true,", "", "no fingerprinted")]
    [DataRow("\"fingerprinted\": true,", "\"fingerprinted\": \"yes\",", "fingerprinted as text")]
    [DataRow("\"contentEncoding\": \"gzip\",", "\"contentEncoding\": 1,", "an encoding that is not text")]
    [DataRow("\"size\": 10,", "\"size\": -1,", "a negative size")]
    [DataRow("\"integrity\": \"sha256-x\",", "\"integrity\": null,", "no integrity")]
    [DataRow("\"key\": \"static/o/a.css\",", "\"key\": \"static/o/a.css\", \"key\": \"\",", "an original whose last key is empty")]
    [DataRow("\"cacheControl\": \"public, max-age=300, must-revalidate\"", "\"cacheControl\": { \"x\": [1] }", "an original Cache-Control that is an object")]
    public async Task A_release_summary_refuses_what_a_full_read_refuses(string part, string replacement, string what)
    {
        var damaged = Record(Entry("a.css").Replace(part, replacement, StringComparison.Ordinal));
        Assert.AreNotEqual(Record(Entry("a.css")), damaged, "the test changes the record");

        var (summary, problem) = ReleaseSummary.From(await ReadSummaryJson(damaged));

        Assert.IsNull(summary, what);
        StringAssert.Contains(problem, "the entry for 'a.css' lacks", what);
    }

    [TestMethod]
    [DataRow("\"app\": \"a\", ", "", "it has no app or publication time")]
    [DataRow("\"publishedAt\": \"2026-01-01T00:00:00+00:00\", ", "", "it has no app or publication time")]
    [DataRow("\"version\": 1, ", "\"version\": 2, ", "format version 2")]
    [DataRow("\"version\": 1, ", "", null)]
    public async Task A_release_summary_checks_the_record_itself(string part, string replacement, string? problemText)
    {
        var changed = Record(Entry("a.css")).Replace(part, replacement, StringComparison.Ordinal);

        var (summary, problem) = ReleaseSummary.From(await ReadSummaryJson(changed));

        if (problemText is null)
        {
            Assert.IsNull(problem, "a record without a version is read as the current version, as a full read does");
            Assert.IsNotNull(summary);
        }
        else
        {
            Assert.IsNull(summary);
            StringAssert.Contains(problem, problemText);
        }
    }

    private static string Record(params string[] entries) =>
        $$"""{ "version": 1, "app": "a", "release": "r1", "publishedAt": "2026-01-01T00:00:00+00:00", "manifest": {{Json(entries)}}, "objects": { "static/a.css": "s1" } }""";

    /// <summary>Reads a record as publish does: streamed, in small buffers, so the reader never holds the final block.</summary>
    private static async Task<ReleaseSummaryJson?> ReadSummaryJson(string record)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(record));
        return await System.Text.Json.JsonSerializer.DeserializeAsync<ReleaseSummaryJson>(stream, SmallBuffers);
    }

    private static readonly System.Text.Json.JsonSerializerOptions SmallBuffers = new() { TypeInfoResolver = ManifestJsonContext.Default, DefaultBufferSize = 16 };

    private static string Entry(string name) =>
        $$"""
        "{{name}}": { "key": "static/{{name}}", "path": "{{name}}", "size": 10, "contentType": "text/css", "contentEncoding": "gzip",
          "cacheControl": "public, max-age=31536000, immutable", "integrity": "sha256-x", "fingerprinted": true,
          "original": { "key": "static/o/{{name}}", "cacheControl": "public, max-age=300, must-revalidate" } }
        """;

    private static string Json(params string[] entries) =>
        $$"""{ "version": 1, "release": "r1", "baseUrl": "https://cdn.example/", "assets": { {{string.Join(",", entries)}} } }""";
}
