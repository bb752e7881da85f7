using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;

namespace StaticPublish.Core.Tests.Settings;

[TestClass]
public sealed class ManifestPlacementTests
{
    private DirectoryInfo _folder = null!;

    [TestInitialize]
    public void CreateFolders()
    {
        _folder = Directory.CreateTempSubdirectory("sp-placement-");
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "output", "wwwroot"));
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "plain"));
    }

    [TestCleanup]
    public void DeleteFolders() => _folder.Delete(recursive: true);

    [TestMethod]
    public void A_publish_output_gets_the_manifest_next_to_wwwroot_by_default()
    {
        var output = Path.Combine(_folder.FullName, "output");

        Assert.AreEqual(Path.Combine(output, AssetManifest.FileName), ManifestPlacement.Resolve(output + Path.DirectorySeparatorChar, null, "--manifest"));
        Assert.AreEqual(Path.Combine(output, "deploy.json"), ManifestPlacement.Resolve(output, "deploy.json", "StaticPublishManifestFileName"), "a relative path is in the folder");
    }

    [TestMethod]
    public void A_plain_folder_has_no_default_place()
    {
        var plain = Path.Combine(_folder.FullName, "plain");

        var error = Assert.ThrowsExactly<StaticPublishException>(() => ManifestPlacement.Resolve(plain, " ", "--manifest"));

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        Assert.AreEqual($"'{plain}' is a plain folder of assets, so the manifest has no default place. Give --manifest a path outside it, e.g. {AssetManifest.FileName}.", error.Message);
        Assert.AreEqual(Path.Combine(_folder.FullName, "m.json"), ManifestPlacement.Resolve(plain, Path.Combine(_folder.FullName, "m.json"), "--manifest"));
    }

    [TestMethod]
    [DataRow("output", "wwwroot/staticpublish.manifest.json")]
    [DataRow("plain", "nested/m.json")]
    public void A_manifest_among_the_assets_is_refused_because_the_next_publish_would_upload_it(string folder, string given)
    {
        var directory = Path.Combine(_folder.FullName, folder);

        var error = Assert.ThrowsExactly<StaticPublishException>(() => ManifestPlacement.Resolve(directory, given, "StaticPublishManifestFileName"));

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        StringAssert.Contains(error.Message, "(StaticPublishManifestFileName) is inside the asset folder");
    }
}
