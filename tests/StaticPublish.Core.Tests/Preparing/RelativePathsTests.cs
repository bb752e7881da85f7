using StaticPublish.Core.Publishing.Preparing;

namespace StaticPublish.Core.Tests.Preparing;

[TestClass]
public sealed class RelativePathsTests
{
    [TestMethod]
    [DataRow("css/site.css", "img/a.png", "css/img/a.png")]
    [DataRow("css/site.css", "../img/a.png", "img/a.png")]
    [DataRow("css/site.css", "./a.png", "css/a.png")]
    [DataRow("css/site.css", "/img/a.png", "img/a.png")]
    [DataRow("site.css", "img/a%20b.png", "img/a b.png")]
    [DataRow("lib/x/css/a.css", "../../../fonts/f.woff2", "fonts/f.woff2")]
    [DataRow("css/site.css", "img//a.png", "css/img/a.png")]
    [DataRow("css/site.css", "a%E0%A4.png", "css/a%E0%A4.png")]
    public void References_resolve_against_the_referring_file(string from, string pathPart, string expected) =>
        Assert.AreEqual(expected, RelativePaths.Resolve(from, pathPart));

    [TestMethod]
    [DataRow("css/site.css", "../../outside.png")]
    [DataRow("site.css", "../a.png")]
    [DataRow("css/site.css", "")]
    public void References_above_the_root_or_empty_resolve_to_nothing(string from, string pathPart) =>
        Assert.IsNull(RelativePaths.Resolve(from, pathPart));

    [TestMethod]
    [DataRow("css", "css/img/a.1234567890.png", "img/a.1234567890.png")]
    [DataRow("css", "img/a.png", "../img/a.png")]
    [DataRow("", "img/a.png", "img/a.png")]
    [DataRow("a/b/c", "a/x.css", "../../x.css")]
    [DataRow("css", "fonts/a b#1.woff2", "../fonts/a%20b%231.woff2")]
    [DataRow("css", "css.css", "../css.css")]
    public void Relative_urls_climb_only_as_far_as_needed_and_are_encoded(string fromDirectory, string toPath, string expected) =>
        Assert.AreEqual(expected, RelativePaths.RelativeUrl(fromDirectory, toPath));

    [TestMethod]
    [DataRow("css/site.css", "css")]
    [DataRow("a/b/c.js", "a/b")]
    [DataRow("site.css", "")]
    public void The_directory_of_a_path_is_everything_before_its_last_slash(string path, string directory) =>
        Assert.AreEqual(directory, RelativePaths.DirectoryOf(path));
}
