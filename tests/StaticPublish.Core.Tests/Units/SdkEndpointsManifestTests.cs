using System.Text;
using System.Text.Json;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Units;

/// <summary>The streamed reader of the SDK's endpoints manifest, and what the collector makes of it.</summary>
[TestClass]
public sealed class SdkEndpointsManifestTests
{
    // The shape `dotnet publish` writes: an identity endpoint, its fingerprinted route, and a gzip variant with a selector.
    private const string Manifest = """
        {
          "Version": 1,
          "ManifestType": "Publish",
          "Endpoints": [
            {
              "Route": "css/site.css",
              "AssetFile": "css/site.css",
              "Selectors": [],
              "ResponseHeaders": [
                { "Name": "Accept-Ranges", "Value": "bytes" },
                { "Name": "Cache-Control", "Value": "no-cache" },
                { "Name": "Content-Length", "Value": "120" },
                { "Name": "Content-Type", "Value": "text/css" },
                { "Name": "ETag", "Value": "\"abc=\"" }
              ],
              "EndpointProperties": [ { "Name": "integrity", "Value": "sha256-abc=" } ]
            },
            {
              "Route": "css/site.k2q7m.css",
              "AssetFile": "css/site.css",
              "Selectors": [],
              "ResponseHeaders": [ { "Name": "content-type", "Value": "text/css" } ],
              "EndpointProperties": [ { "Name": "fingerprint", "Value": "k2q7m" }, { "Name": "label", "Value": "css/site.css" } ]
            },
            {
              "Route": "css/site.css",
              "AssetFile": "css/site.css.gz",
              "Selectors": [ { "Name": "Content-Encoding", "Value": "gzip", "Quality": "0.2" } ],
              "ResponseHeaders": [ { "Name": "Content-Encoding", "Value": "gzip" }, { "Name": "Content-Type", "Value": "text/css" } ],
              "EndpointProperties": []
            },
            {
              "Extra": { "ignored": [1, 2, { "deep": true }] },
              "AssetFile": "Lib.bundle.scp.css",
              "Route": "Lib.bundle.scp.css",
              "ResponseHeaders": [ { "Value": "text/css; charset=utf-8", "Name": "Content-Type" }, { "Value": "x", "Name": "X-Other" } ],
              "EndpointProperties": [ { "Name": "label", "Value": "Lib.styles.css" } ]
            }
          ]
        }
        """;

    private static readonly JsonSerializerOptions SmallBuffers = new() { TypeInfoResolver = ManifestJsonContext.Default, DefaultBufferSize = 16 };
    private static readonly JsonSerializerOptions LargeBuffers = new() { TypeInfoResolver = ManifestJsonContext.Default, DefaultBufferSize = 16384 };

    [TestMethod]
    [DataRow(16)]
    [DataRow(16384)]
    public async Task The_reader_keeps_route_file_selectors_type_encoding_and_label_through_any_buffer_size(int bufferSize)
    {
        var options = bufferSize == 16 ? SmallBuffers : LargeBuffers;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Manifest));
        var manifest = await JsonSerializer.DeserializeAsync<SdkEndpointsManifest>(stream, options);

        Assert.IsNotNull(manifest);
        Assert.AreEqual(1, manifest.Version);
        Assert.HasCount(4, manifest.Endpoints);
        var (identity, fingerprinted, gzip, scoped) = (manifest.Endpoints[0], manifest.Endpoints[1], manifest.Endpoints[2], manifest.Endpoints[3]);

        Assert.AreEqual(new SdkEndpoint { Route = "css/site.css", AssetFile = "css/site.css", ContentType = "text/css" }, identity);
        Assert.AreEqual(new SdkEndpoint { Route = "css/site.k2q7m.css", AssetFile = "css/site.css", ContentType = "text/css", Label = "css/site.css" }, fingerprinted,
            "a header name is matched ignoring case");
        Assert.AreEqual(new SdkEndpoint { Route = "css/site.css", AssetFile = "css/site.css.gz", HasSelectors = true, ContentType = "text/css", ContentEncoding = "gzip" }, gzip);
        Assert.AreEqual(new SdkEndpoint { Route = "Lib.bundle.scp.css", AssetFile = "Lib.bundle.scp.css", ContentType = "text/css; charset=utf-8", Label = "Lib.styles.css" }, scoped,
            "a Value before its Name, and unknown properties, are read correctly");
        Assert.IsTrue(ReferenceEquals(identity.ContentType, gzip.ContentType), "Content-Type values are shared strings");
    }

    [TestMethod]
    public void The_collector_takes_identity_endpoints_by_label_and_leaves_compressed_variants_out()
    {
        using var folder = TempFolder.Create("sp-endpoints-");
        folder.Write("wwwroot/css/site.css", "body{}");
        folder.Write("wwwroot/css/site.css.gz", "gz");
        folder.Write("wwwroot/Lib.bundle.scp.css", "a{}");
        folder.Write("App.staticwebassets.endpoints.json", Manifest);
        var (path, wwwroot) = (folder.PathOf("App.staticwebassets.endpoints.json"), folder.PathOf("wwwroot"));

        var assets = StaticAssetCollector.FromEndpointsManifest(path, wwwroot);

        CollectionAssert.AreEqual(
            new[] { ("Lib.styles.css", "Lib.bundle.scp.css", "text/css"), ("css/site.css", "css/site.css", "text/css") },
            assets.Select(a => (a.LogicalPath, a.RelativeFilePath, a.ContentType)).ToArray());
    }

    [TestMethod]
    public void A_truncated_manifest_is_refused_with_its_code_and_path()
    {
        using var folder = TempFolder.Create("sp-endpoints-");
        folder.Write("App.staticwebassets.endpoints.json", Manifest[..(Manifest.Length / 2)]);
        var path = folder.PathOf("App.staticwebassets.endpoints.json");

        var e = Assert.ThrowsExactly<StaticPublishException>(() => StaticAssetCollector.FromEndpointsManifest(path, folder.Root));

        Assert.AreEqual(ErrorCodes.ManifestUnreadable, e.Code);
        StringAssert.Contains(e.Message, path);
    }

    [TestMethod]
    public void The_first_entry_of_a_name_wins_an_entry_without_value_reads_empty_and_a_null_endpoint_is_refused()
    {
        const string Json = """
            { "Version": 1, "Endpoints": [
              { "Route": "a.css", "AssetFile": "a.css.gz", "Selectors": null,
                "ResponseHeaders": [ { "Name": "Content-Encoding" }, { "Name": "Content-Encoding", "Value": "br" },
                                     { "Name": "Cont\u0065nt-Type", "Value": null }, { "Name": "Content-Type", "Value": "text/css" } ],
                "EndpointProperties": null }
            ] }
            """;
        var manifest = JsonSerializer.Deserialize<SdkEndpointsManifest>(Json, LargeBuffers)!;

        Assert.AreEqual(new SdkEndpoint { Route = "a.css", AssetFile = "a.css.gz", ContentEncoding = "", ContentType = null }, manifest.Endpoints.Single(),
            "a Content-Encoding without a value is still not identity, and an escaped name matches");
        Assert.ThrowsExactly<JsonException>(() => JsonSerializer.Deserialize<SdkEndpointsManifest>("""{ "Endpoints": [ null ] }""", LargeBuffers));
        Assert.ThrowsExactly<JsonException>(() => JsonSerializer.Deserialize<SdkEndpointsManifest>("""{ "Endpoints": [ { "ResponseHeaders": [ { "Name": 5 } ] } ] }""", LargeBuffers));
    }
}
