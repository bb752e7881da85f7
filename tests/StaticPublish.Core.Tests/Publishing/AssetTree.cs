using System.Text;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Publishing;

/// <summary>A throwaway wwwroot with CSS that references fonts, images, other CSS and source maps.</summary>
internal sealed class AssetTree : IDisposable
{
    private readonly TempFolder _folder = TempFolder.Create("sp-assets-");

    public AssetTree()
    {
        Write("css/site.css", """
            @import "base.css";
            @font-face { font-family: "My Font"; src: url("../fonts/My%20Font.woff2") format("woff2"), url('../fonts/my-font.ttf?v=2#iefix'); }
            .logo { background: url(../img/logo.png); }
            .inline { background: url(data:image/png;base64,AAAA); }
            .remote { background: url(https://example.com/x.png); }
            .root { background: url(/img/logo.png); }
            /* url(../img/in-comment.png) is a comment */
            /*# sourceMappingURL=site.css.map */
            """);
        Write("css/base.css", ".bg { background-image: url('../img/bg.svg'); }\n" + new string(' ', 10) + string.Concat(Enumerable.Repeat(".pad{margin:0 auto;padding:1px}\n", 100)));
        Write("css/site.css.map", """{"version":3,"sources":["site.scss"],"mappings":"AAAA"}""");
        Write("css/missing.css", ".x { background: url(../img/does-not-exist.png); }");
        Write("css/cycle-a.css", "@import 'cycle-b.css';\n.a{color:red}");
        Write("css/cycle-b.css", "@import 'cycle-a.css';\n.b{color:blue}");
        Write("fonts/My Font.woff2", Bytes.Random(3000, seed: 1));
        Write("fonts/my-font.ttf", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("glyf table data ", 400))));
        Write("img/logo.png", Bytes.Random(2000, seed: 2));
        Write("img/bg.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">" + string.Concat(Enumerable.Repeat("<rect width=\"10\" height=\"10\"/>", 50)) + "</svg>");
        Write("js/app.js", "console.log('app');\n" + string.Concat(Enumerable.Repeat("function f(){return 1}\n", 50)) + "//# sourceMappingURL=app.js.map\n");
        Write("js/app.js.map", """{"version":3,"file":"app.js","mappings":"AAAA"}""");
        Write("js/loader/boot.js", "import('./chunk.js');");
        Write("js/loader/chunk.js", "export const x = 1;");
        Write("data/tiny.json", "{}");
        Write("unicodé/ファイル 1.txt", "hello");
    }

    public string Root => _folder.Root;

    public string PathOf(string relative) => _folder.PathOf(relative);

    public void Write(string relative, string text) => _folder.Write(relative, text);

    public void Write(string relative, byte[] bytes) => _folder.Write(relative, bytes);

    public void Dispose() => _folder.Dispose();
}
