using System.Text;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Publishing;

/// <summary>Bad input gets one coded error naming the file and what to do, or is left out with a warning; never a crash.</summary>
[TestClass]
public sealed class BadInputTests : BucketTestClass<BadInputTests>
{
    private static StorageFixture Fixture => new(Bucket);

    [TestMethod]
    public async Task A_key_over_1024_bytes_is_SPUB2001_naming_the_file()
    {
        using var tree = new AssetTree();
        var deep = string.Join('/', Enumerable.Repeat(new string('d', 200), 5)) + "/long.css";
        tree.Write(deep, ".a{color:red}");

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => Publish(tree));

        Assert.AreEqual(ErrorCodes.InvalidKeyName, error.Code);
        StringAssert.Contains(error.Message, $"The asset '{tree.PathOf(deep)}' cannot be published");
        StringAssert.Contains(error.Message, "longer than S3's limit of 1024 UTF-8 bytes");
    }

    [TestMethod]
    public async Task A_file_that_cannot_be_read_is_SPUB0004_naming_it_not_a_crash()
    {
        using var tree = new AssetTree();
        var assets = StaticAssetCollector.FromDirectory(tree.Root);
        File.Delete(tree.PathOf("css/base.css"));

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => new StaticAssetPublisher().PublishAsync(assets, Options(tree)));

        Assert.AreEqual(ErrorCodes.LocalFileFailed, error.Code);
        StringAssert.Contains(error.Message, $"The asset file '{tree.PathOf("css/base.css")}' could not be read");
        Assert.IsFalse(File.Exists(Options(tree).ManifestPath));
    }

    [TestMethod]
    [DataRow("tab\tname.css", "U+0009")]
    [DataRow("bell\u0007.css", "U+0007")]
    [DataRow("del\u007f.css", "U+007F")]
    public async Task Control_characters_in_names_are_SPUB2001_shown_escaped(string name, string character)
    {
        using var tree = new AssetTree();
        tree.Write(name, ".a{}");

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => Publish(tree));

        Assert.AreEqual(ErrorCodes.InvalidKeyName, error.Code);
        StringAssert.Contains(error.Message, $"it contains the control character {character}");
        Assert.IsFalse(error.Message.Skip(error.Message.IndexOf("cannot be published", StringComparison.Ordinal)).Any(char.IsControl), "the message carries no control character of its own");
    }

    [TestMethod]
    public async Task A_name_that_normalises_into_the_reserved_folder_is_refused()
    {
        using var tree = new AssetTree();
        tree.Write("evil.css", ".a{}");
        var sneaky = new CollectedAsset("css/../_staticpublish/apps/x/releases/forged.json", tree.PathOf("evil.css"), "evil.css", "text/css");

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => new StaticAssetPublisher().PublishAsync([sneaky], Options(tree)));

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        StringAssert.Contains(error.Message, "which StaticPublish reserves for its release records");
    }

    [TestMethod]
    public async Task An_empty_publish_warns_and_writes_nothing()
    {
        var empty = Directory.CreateTempSubdirectory("sp-empty-");
        try
        {
            var log = new RecordingPublishLog();
            var options = Options(empty.FullName);

            var result = await new StaticAssetPublisher(log).PublishDirectoryAsync(empty.FullName, options);

            Assert.AreEqual(0, result.AssetCount);
            Assert.AreEqual(ErrorCodes.NothingToPublish, log.Warnings.Single().Code);
            Assert.IsEmpty(await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/"), "no release is recorded");
            Assert.IsFalse(File.Exists(options.ManifestPath), "no manifest is written");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void Dotfiles_and_links_that_lead_out_of_the_folder_or_nowhere_are_left_out_with_one_warning()
    {
        using var tree = new AssetTree();
        var outside = Directory.CreateTempSubdirectory("sp-outside-");
        try
        {
            tree.Write(".env", "SECRET=1");
            tree.Write(".git/config", "[core]");
            tree.Write(".well-known/security.txt", "Contact: mailto:security@example.com");
            File.WriteAllText(Path.Combine(outside.FullName, "passwd"), "root:x:0:0");
            File.CreateSymbolicLink(tree.PathOf("img/escape.txt"), Path.Combine(outside.FullName, "passwd"));
            Directory.CreateSymbolicLink(tree.PathOf("outside"), outside.FullName);
            File.CreateSymbolicLink(tree.PathOf("img/dangling.png"), tree.PathOf("img/gone.png"));
            File.CreateSymbolicLink(tree.PathOf("img/alias.png"), tree.PathOf("img/logo.png"));
            var log = new RecordingPublishLog();

            var assets = StaticAssetCollector.FromDirectory(tree.Root, log: log).Select(a => a.LogicalPath).ToList();
            var everything = StaticAssetCollector.FromDirectory(tree.Root, new PlainFolderOptions { IncludeDotfiles = true, FollowLinksOutOfFolder = true })
                .Select(a => a.LogicalPath).ToList();

            CollectionAssert.Contains(assets, ".well-known/security.txt", ".well-known is meant to be public");
            CollectionAssert.Contains(assets, "img/alias.png", "a link inside the folder is followed");
            foreach (var hidden in new[] { ".env", ".git/config", "img/escape.txt", "outside/passwd", "img/dangling.png" })
            {
                CollectionAssert.DoesNotContain(assets, hidden);
            }

            var warning = log.Warnings.Single();
            Assert.AreEqual(ErrorCodes.FilesLeftOut, warning.Code);
            StringAssert.Contains(warning.Message, ".env (a dotfile)");
            StringAssert.Contains(warning.Message, "img/escape.txt (a link out of the folder)");
            StringAssert.Contains(warning.Message, "img/dangling.png (a link to nothing)");
            foreach (var included in new[] { ".env", ".git/config", "img/escape.txt", "outside/passwd" })
            {
                CollectionAssert.Contains(everything, included, "opted in");
            }

            CollectionAssert.DoesNotContain(everything, "img/dangling.png", "a link to nothing is never an asset");
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void An_apps_publish_output_is_refused_as_a_plain_folder_unless_forced()
    {
        using var tree = new AssetTree();
        tree.Write("MyApp.deps.json", "{}");
        tree.Write("appsettings.Production.json", "{\"ConnectionStrings\":{}}");
        tree.Write("MyApp.dll", "MZ");

        var error = Assert.ThrowsExactly<StaticPublishException>(() => StaticAssetCollector.FromDirectory(tree.Root));
        var forced = StaticAssetCollector.FromDirectory(tree.Root, new PlainFolderOptions { AllowAppOutput = true });

        Assert.AreEqual(ErrorCodes.NotAnAssetFolder, error.Code);
        StringAssert.Contains(error.Message, "looks like an app's publish output");
        StringAssert.Contains(error.Message, "MyApp.deps.json, appsettings.Production.json");
        StringAssert.Contains(error.Message, "--force");
        Assert.IsTrue(forced.Any(a => a.LogicalPath == "MyApp.dll"));
    }

    [TestMethod]
    public async Task CSS_that_is_not_UTF_8_keeps_every_byte_but_its_rewritten_references()
    {
        using var tree = new AssetTree();

        // windows-1252: 'é' is the single byte 0xE9, which is not valid UTF-8.
        var latin = Encoding.Latin1.GetBytes("/* caf\u00e9 */ .a { background: url(../img/logo.png); content: \"\u00e9\"; }");
        tree.Write("css/legacy.css", latin);
        tree.Write("css/bom.css", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(".b { background: url(../img/logo.png); content: \"\u00e9\"; }")]);

        var result = await Publish(tree);

        var legacy = await DownloadDecodedAsync(result.Manifest.Assets["css/legacy.css"]);
        var expected = Encoding.Latin1.GetString(latin).Replace("../img/logo.png", "../img/" + Path.GetFileName(result.Manifest.Assets["img/logo.png"].Path), StringComparison.Ordinal);
        CollectionAssert.AreEqual(Encoding.Latin1.GetBytes(expected), legacy, "only the reference changed; 0xE9 is still 0xE9");
        var bom = await DownloadDecodedAsync(result.Manifest.Assets["css/bom.css"]);
        CollectionAssert.AreEqual(new byte[] { 0xEF, 0xBB, 0xBF }, bom[..3], "the byte order mark is kept");
        StringAssert.Contains(Encoding.UTF8.GetString(bom[3..]), "content: \"\u00e9\"");
    }

    private static Task<PublishResult> Publish(AssetTree tree) => new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, Options(tree));

    private static StaticPublishOptions Options(AssetTree tree) => Options(tree.Root);

    private static StaticPublishOptions Options(string root) => new()
    {
        Storage = Fixture.Options(o => o.Location = "bad-" + Math.Abs(StringComparer.Ordinal.GetHashCode(root)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ManifestPath = Path.Combine(root + "-out", AssetManifest.FileName),
    };

    private static async Task<byte[]> DownloadDecodedAsync(AssetManifestEntry entry)
    {
        using var response = await Fixture.Bucket.Client.GetObjectAsync(Fixture.Bucket.BucketName, entry.Key);
        var stored = await Bytes.ReadAllAsync(response.ResponseStream);
        if (entry.ContentEncoding != "gzip")
        {
            return stored;
        }

        await using var gunzip = new System.IO.Compression.GZipStream(new MemoryStream(stored), System.IO.Compression.CompressionMode.Decompress);
        return await Bytes.ReadAllAsync(gunzip);
    }
}
