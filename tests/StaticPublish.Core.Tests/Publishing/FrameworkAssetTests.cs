using System.Text;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Publishing;

/// <summary>
/// What a Blazor WebAssembly publish holds: framework files that name maps the framework never ships, whose bytes
/// the boot configuration pins, and ICU data that gzips well although it has no type of its own.
/// </summary>
[TestClass]
public sealed class FrameworkAssetTests : BucketTestClass<FrameworkAssetTests>
{
    private static StorageFixture Fixture => new(Bucket);

    [TestMethod]
    public async Task Framework_files_are_left_as_built_and_unpublished_maps_are_one_info_line_not_warnings()
    {
        using var folder = TempFolder.Create("sp-framework-");
        const string Server = "(function(){})();\n//# sourceMappingURL=blazor.server.js.map\n";
        folder.Write("assets/_framework/blazor.server.js", Server);
        folder.Write("assets/_framework/dotnet.runtime.js", "export {};\n//# sourceMappingURL=dotnet.runtime.js.map\n");
        folder.Write("assets/_framework/icudt_EFIGS.dat", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 4000).Select(i => $"locale-{i % 97};"))));
        folder.Write("assets/lib/chart/chart.min.js", "var c=1;\n//# sourceMappingURL=chart.min.js.map\n");
        folder.Write("assets/lib/other/other.min.js", "var o=1;\n//# sourceMappingURL=other.min.js.map\n");
        folder.Write("assets/css/site.css", "body { background: url(missing.png); }\n");
        var log = new RecordingPublishLog();
        var options = new StaticPublishOptions { Storage = Fixture.Options(), ManifestPath = folder.PathOf(AssetManifest.FileName), Cors = false };

        var result = await new StaticAssetPublisher(log).PublishDirectoryAsync(folder.PathOf("assets"), options);

        var warning = log.Warnings.Single();
        Assert.AreEqual(ErrorCodes.MissingReference, warning.Code, "a missing url() still warns: the page needs it");
        StringAssert.Contains(warning.Message, "missing.png");
        var info = log.Infos.Single(i => i.Contains("source map", StringComparison.Ordinal));
        StringAssert.StartsWith(info, "2 source map comments name maps that are not published and were left as written (lib/chart/chart.min.js → chart.min.js.map, lib/other/other.min.js → other.min.js.map)");
        var server = result.Manifest.Assets["_framework/blazor.server.js"];
        var response = await Fixture.Bucket.Client.GetObjectAsync(Fixture.Bucket.BucketName, server.Key);
        using var stored = new MemoryStream();
        await response.ResponseStream.CopyToAsync(stored);
        Assert.IsNull(server.ContentEncoding, "too small to gain from gzip");
        Assert.AreEqual(Server, Encoding.UTF8.GetString(stored.ToArray()), "the framework's bytes are uploaded as built");
        var icu = result.Manifest.Assets["_framework/icudt_EFIGS.dat"];
        Assert.AreEqual("gzip", icu.ContentEncoding, "ICU data is gzipped");
        Assert.IsLessThan(new FileInfo(folder.PathOf("assets/_framework/icudt_EFIGS.dat")).Length / 2, icu.Size);
    }
}
