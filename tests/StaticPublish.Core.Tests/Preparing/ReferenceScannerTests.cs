using StaticPublish.Core.Publishing.Preparing;

namespace StaticPublish.Core.Tests.Preparing;

[TestClass]
public sealed class ReferenceScannerTests
{
    [TestMethod]
    [DataRow("a { background: url(img/a.png); }", "img/a.png", "Url")]
    [DataRow("a { background: url( 'img/a b.png' ); }", "img/a b.png", "Url")]
    [DataRow("a { background: URL(\"../img/a.png?v=2#x\"); }", "../img/a.png?v=2#x", "Url")]
    [DataRow("@import 'base.css';", "base.css", "Import")]
    [DataRow("@import url(\"base.css\") screen;", "base.css", "Url")]
    [DataRow("/*# sourceMappingURL=site.css.map */", "site.css.map", "SourceMap")]
    public void Css_references_are_found_with_their_position_and_kind(string css, string url, string kind)
    {
        var reference = ReferenceScanner.FindInCss(css).Single();

        Assert.AreEqual(url, reference.Url);
        Assert.AreEqual(kind, reference.Kind.ToString());
        Assert.AreEqual(url, css.Substring(reference.Start, reference.Length), "the span covers exactly the reference");
    }

    [TestMethod]
    [DataRow("a { background: url(data:image/png;base64,AAAA); }")]
    [DataRow("a { background: url(https://cdn.example.com/a.png); }")]
    [DataRow("a { background: url(//cdn.example.com/a.png); }")]
    [DataRow("a { filter: url(#shadow); }")]
    [DataRow("a { background: url(); }")]
    [DataRow("/* a { background: url(commented.png); } */")]
    [DataRow("@import \"https://fonts.example.com/css\";")]
    public void Absolute_inline_fragment_empty_and_commented_references_are_left_alone(string css) =>
        Assert.IsEmpty(ReferenceScanner.FindInCss(css));

    [TestMethod]
    public void References_come_back_in_text_order_whatever_their_kind()
    {
        var css = "@import 'b.css';\nx { background: url(a.png) }\n/*# sourceMappingURL=x.css.map */";

        var references = ReferenceScanner.FindInCss(css);

        CollectionAssert.AreEqual(new[] { "b.css", "a.png", "x.css.map" }, references.Select(r => r.Url).ToArray());
    }

    [TestMethod]
    [DataRow("var a = 1;\n//# sourceMappingURL=app.js.map\n", "app.js.map")]
    [DataRow("var a = 1;\n//@ sourceMappingURL=app.js.map", "app.js.map")]
    public void Js_source_map_comments_are_found_on_their_own_line(string js, string url)
    {
        var reference = ReferenceScanner.FindInJs(js).Single();

        Assert.AreEqual(url, reference.Url);
        Assert.AreEqual(AssetReferenceKind.SourceMap, reference.Kind);
    }

    [TestMethod]
    [DataRow("var s = \"//# sourceMappingURL=in-a-string.map\";")]
    [DataRow("//# sourceMappingURL=data:application/json;base64,e30=")]
    [DataRow("var u = url('a.png');")]
    public void Js_is_only_searched_for_real_source_map_comments(string js) => Assert.IsEmpty(ReferenceScanner.FindInJs(js));

    [TestMethod]
    public void A_reference_splits_into_its_path_and_the_query_and_fragment_kept_as_written()
    {
        var reference = new AssetReference(0, 0, "../fonts/a.woff2?v=4.7#iefix", AssetReferenceKind.Url);

        Assert.AreEqual("../fonts/a.woff2", reference.PathPart);
        Assert.AreEqual("?v=4.7#iefix", reference.Suffix);
    }
}
