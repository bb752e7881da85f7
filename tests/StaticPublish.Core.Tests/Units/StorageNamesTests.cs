using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Tests.Units;

[TestClass]
public sealed class StorageNamesTests
{
    [TestMethod]
    [DataRow("a.txt", "a.txt")]
    [DataRow("./a.txt", "a.txt")]
    [DataRow("dir//sub/./a.txt", "dir/sub/a.txt")]
    [DataRow("dir\\sub\\a.txt", "dir/sub/a.txt")]
    [DataRow("dir/../a.txt", "a.txt")]
    [DataRow("dir/sub/", "dir/sub/")]
    [DataRow("with space/+#?%.txt", "with space/+#?%.txt")]
    [DataRow("日本語/ファイル.txt", "日本語/ファイル.txt")]
    [DataRow("..a/b..c/.x/...", "..a/b..c/.x/...")]
    [DataRow("a/b/.", "a/b")]
    [DataRow("a/b/..", "a")]
    [DataRow("dir//", "dir/")]
    [DataRow("trailing/./", "trailing/")]
    [DataRow("x/", "x/")]
    [DataRow("ab:/c", "ab:/c")]
    public void Clean_normalises_relative_names(string name, string expected) =>
        Assert.AreEqual(expected, StorageNames.Clean(name));

    [TestMethod]
    [DataRow("", "empty")]
    [DataRow("..", "climbs out")]
    [DataRow("../x", "climbs out")]
    [DataRow("a/../../x", "climbs out")]
    [DataRow("/abs/x", "absolute")]
    [DataRow("\\abs\\x", "absolute")]
    [DataRow("C:\\x", "absolute")]
    [DataRow("d:/x", "absolute")]
    [DataRow(".", "root")]
    [DataRow("a/..", "root")]
    [DataRow(".hidden/..", "root")]
    [DataRow("/", "absolute")]
    [DataRow("a:b/c", "absolute")]
    [DataRow("ok/name\u0085", "control character U+0085")]
    [DataRow("nul\0char", "control character U+0000")]
    [DataRow("line\nbreak", "control character U+000A")]
    public void Clean_rejects_unsafe_names_with_SPUB2001(string name, string reason)
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(() => StorageNames.Clean(name));

        Assert.AreEqual(ErrorCodes.InvalidKeyName, error.Code);
        StringAssert.Contains(error.Message, reason);
        Assert.AreEqual(name, error.Key);
    }

    [TestMethod]
    [DataRow("", "a/b.txt", "a/b.txt")]
    [DataRow("static", "a/b.txt", "static/a/b.txt")]
    [DataRow("/static/", "a/b.txt", "static/a/b.txt")]
    [DataRow("media/user", "x/../y.txt", "media/user/y.txt")]
    public void ToKey_joins_under_the_location(string location, string name, string expected) =>
        Assert.AreEqual(expected, StorageNames.ToKey(location, name));

    [TestMethod]
    public void A_name_cannot_climb_into_the_parent_of_its_location() =>
        Assert.ThrowsExactly<StaticPublishException>(() => StorageNames.ToKey("media/user", "../other/secret.txt"));

    [TestMethod]
    public void Keys_longer_than_1024_utf8_bytes_are_rejected()
    {
        var name = new string('é', 513);

        var error = Assert.ThrowsExactly<StaticPublishException>(() => StorageNames.ToKey("", name));

        Assert.AreEqual(ErrorCodes.InvalidKeyName, error.Code);
        StringAssert.Contains(error.Message, "1024");
    }

    [TestMethod]
    [DataRow("", "", "")]
    [DataRow("", "css", "css/")]
    [DataRow("static", "", "static/")]
    [DataRow("static", "/css/", "static/css/")]
    public void Directory_prefixes_end_with_a_slash(string location, string path, string expected) =>
        Assert.AreEqual(expected, StorageNames.ToDirectoryPrefix(location, path));

    [TestMethod]
    public void FromKey_strips_the_location() => Assert.AreEqual("a/b.txt", StorageNames.FromKey("static", "static/a/b.txt"));
}
