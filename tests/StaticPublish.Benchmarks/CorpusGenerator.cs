using System.Globalization;
using System.Text;

namespace StaticPublish.Benchmarks;

/// <summary>
/// Writes a deterministic static-site corpus in one of two shapes. <c>npm</c> (the default) has the shape of the
/// dist folders of popular front-end packages: over 80% tiny SVG icons, JS modules (a share with source maps), CSS
/// with <c>url()</c> references to icons and fonts and <c>@import</c> chains, binary cmaps and fonts, and a few
/// multi-MB JS bundles filling the size. <c>site</c> is an app's own assets: many small JS, CSS, SVG and JSON files,
/// images, and a few 5–20 MB media, archive and wasm files. The same shape, seed, file count and size always give
/// the same bytes and paths.
/// </summary>
internal static class CorpusGenerator
{
    private const int KB = 1024;
    private const int MB = 1024 * 1024;
    private const int SmallLimit = 2 * KB;
    private const int DefaultSeed = 20240611;

    private static readonly string[] Words =
    [
        "button", "card", "modal", "table", "grid", "chart", "form", "input", "select", "tooltip", "menu", "nav",
        "header", "footer", "panel", "tabs", "toast", "badge", "avatar", "icon", "list", "item", "row", "cell",
        "value", "state", "props", "event", "handler", "render", "update", "mount", "config", "options", "theme",
        "color", "size", "width", "height", "offset", "index", "count", "total", "page", "query", "filter", "sort",
        "data", "store", "cache", "fetch", "request", "response", "result", "error", "loading", "visible", "active",
    ];

    private static readonly string[] Packages =
    [
        "app", "app/admin", "app/shop", "app/account", "lib/bootstrap", "lib/jquery", "lib/chartjs", "lib/leaflet",
        "lib/fontawesome", "lib/highlight", "lib/select2", "lib/datatables", "lib/moment", "lib/lodash", "lib/d3",
        "lib/monaco", "lib/katex", "lib/swiper", "lib/prism", "lib/flatpickr", "lib/tinymce", "lib/quill",
        "lib/photoswipe", "lib/dropzone", "lib/sortable", "lib/axios", "lib/dayjs", "lib/alpine", "lib/htmx", "lib/mapbox",
    ];

    private enum Kind
    {
        Js,
        Map,
        Css,
        Svg,
        Png,
        Jpg,
        Woff2,
        Json,
        Bcmap,
        Ttf,
        Big,
        Bundle,
    }

    public static int Run(string directory, Arguments arguments)
    {
        var shape = arguments.Get("--shape") ?? "npm";
        if (shape is not ("npm" or "site"))
        {
            throw new ArgumentException($"--shape is npm or site, not '{shape}'");
        }

        var npm = shape == "npm";
        var files = arguments.GetInt("--files", npm ? 4900 : 3200);
        var megabytes = arguments.GetInt("--mb", npm ? 86 : 60);
        var seed = arguments.GetInt("--seed", DefaultSeed);
        var root = Path.GetFullPath(directory);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new ArgumentException($"'{root}' is not empty; generate into a new folder");
        }

        var random = new Random(seed);
        var plan = npm ? PlanNpm(files, random) : Plan(files, random);
        var written = new Dictionary<Kind, (int Count, long Bytes)>();
        var small = 0;
        foreach (var entry in plan)
        {
            var bytes = Content(entry, plan, random);
            Write(root, entry.Path, bytes);
            Add(written, entry.Kind, bytes.LongLength);
            small += bytes.Length < SmallLimit ? 1 : 0;
        }

        var smallBytes = written.Values.Sum(v => v.Bytes);
        var budget = Math.Max(0, (long)megabytes * MB - smallBytes);
        if (npm)
        {
            WriteBundles(root, budget, random, written);
        }
        else
        {
            WriteBig(root, budget, random, written);
        }

        var c = CultureInfo.InvariantCulture;
        foreach (var (kind, (count, bytes)) in written.OrderBy(w => w.Key))
        {
            Console.WriteLine(string.Format(c, "{0,-6} {1,6:N0} files {2,10:0.0} MB", kind.ToString().ToLowerInvariant(), count, bytes / (double)MB));
        }

        var totalFiles = written.Values.Sum(v => v.Count);
        var totalBytes = written.Values.Sum(v => v.Bytes);
        Console.WriteLine(string.Format(c, "CORPUS_SHAPE={0}", shape));
        Console.WriteLine(string.Format(c, "CORPUS_FILES={0}", totalFiles));
        Console.WriteLine(string.Format(c, "CORPUS_UNDER_2KB={0}", small));
        Console.WriteLine(string.Format(c, "CORPUS_BYTES={0}", totalBytes));
        Console.WriteLine(string.Format(c, "CORPUS_MB={0:0.0}", totalBytes / (double)MB));
        return 0;
    }

    /// <summary>A few large files fill the corpus up to the requested size, each 5–20 MB.</summary>
    private static void WriteBig(string root, long budget, Random random, Dictionary<Kind, (int Count, long Bytes)> written)
    {
        var bigCount = (int)Math.Max(3, Math.Ceiling(budget / (12.5 * MB)));
        string[] bigNames = ["media/intro.mp4", "downloads/sdk.zip", "wasm/dotnet.native.wasm", "media/tour.mp4", "downloads/samples.zip", "wasm/icu.wasm"];
        for (var i = 0; i < bigCount; i++)
        {
            var share = budget / (bigCount - i);
            var size = (int)Math.Clamp(share + random.NextInt64(-share / 5, share / 5 + 1), 5L * MB, 20L * MB);
            budget = Math.Max(0, budget - size);
            var name = bigNames[i % bigNames.Length];
            var path = i < bigNames.Length ? name : Path.ChangeExtension(name, null) + "-" + (i / bigNames.Length).ToString(CultureInfo.InvariantCulture) + Path.GetExtension(name);
            WriteBigFile(Path.Combine(root, path), size, compressible: path.EndsWith(".wasm", StringComparison.Ordinal), random);
            Add(written, Kind.Big, size);
        }
    }

    /// <summary>Multi-MB JS bundles (minified-code-like text, gzips to about a third) fill the npm shape up to its size; at least three, 3–10 MB each.</summary>
    private static void WriteBundles(string root, long budget, Random random, Dictionary<Kind, (int Count, long Bytes)> written)
    {
        string[] names = ["lib/monaco/min/vs/editor.main.js", "lib/pdfjs/build/pdf.worker.js", "lib/mapbox/dist/mapbox-gl.js", "lib/katex/dist/katex.js", "lib/tinymce/tinymce.js", "lib/d3/dist/d3.js"];
        var count = (int)Math.Max(3, Math.Ceiling(budget / (8.0 * MB)));
        for (var i = 0; i < count; i++)
        {
            var share = budget / (count - i);
            var size = (int)Math.Clamp(share + random.NextInt64(-share / 5, share / 5 + 1), 3L * MB, 10L * MB);
            budget = Math.Max(0, budget - size);
            var name = names[i % names.Length];
            var path = i < names.Length ? name : name[..^3] + "-" + (i / names.Length).ToString(CultureInfo.InvariantCulture) + ".js";
            var bytes = Encoding.UTF8.GetBytes(Js(new Entry(-1, Kind.Bundle, path, size, null), random));
            Write(root, path, bytes);
            Add(written, Kind.Bundle, bytes.LongLength);
        }
    }

    private sealed record Entry(int Index, Kind Kind, string Path, int Size, string? MapPath);

    /// <summary>Decides every small file's kind, path and size first, so CSS can reference files written later.</summary>
    private static List<Entry> Plan(int files, Random random)
    {
        var smallFiles = Math.Max(files - 3, 100);
        var js = smallFiles * 30 / 100;
        var maps = js * 40 / 100;
        var css = smallFiles * 12 / 100;
        var png = smallFiles * 6 / 100;
        var jpg = smallFiles * 4 / 100;
        var woff2 = smallFiles * 3 / 100;
        var json = smallFiles * 7 / 100;
        var svg = smallFiles - js - maps - css - png - jpg - woff2 - json;

        var plan = new List<Entry>(smallFiles);
        void Add(Kind kind, int count, string folder, string extension, int min, int max)
        {
            for (var i = 0; i < count; i++)
            {
                var package = Packages[random.Next(Packages.Length)];
                var stem = Words[random.Next(Words.Length)] + "-" + Words[random.Next(Words.Length)];
                var path = string.Create(CultureInfo.InvariantCulture, $"{package}/{folder}/{stem}-{i}{extension}");
                var mapPath = kind == Kind.Js && i < maps ? path + ".map" : null;
                plan.Add(new Entry(plan.Count, kind, path, LogUniform(random, min, max), mapPath));
                if (mapPath is not null)
                {
                    plan.Add(new Entry(plan.Count, Kind.Map, mapPath, LogUniform(random, 2 * KB, 60 * KB), null));
                }
            }
        }

        Add(Kind.Js, js, "js", ".js", 1 * KB, 30 * KB);
        Add(Kind.Css, css, "css", ".css", 1 * KB, 25 * KB);
        Add(Kind.Svg, svg, "icons", ".svg", 300, 6 * KB);
        Add(Kind.Png, png, "img", ".png", 1 * KB, 60 * KB);
        Add(Kind.Jpg, jpg, "img", ".jpg", 5 * KB, 120 * KB);
        Add(Kind.Woff2, woff2, "fonts", ".woff2", 10 * KB, 80 * KB);
        Add(Kind.Json, json, "data", ".json", 200, 20 * KB);
        return plan;
    }

    /// <summary>
    /// The npm shape's small files: 86% SVG icons (nearly all under 2 KB), JS modules (a third with source maps), CSS
    /// referencing icons and fonts, binary cmaps (mostly under 2 KB) and fonts.
    /// </summary>
    private static List<Entry> PlanNpm(int files, Random random)
    {
        var smallFiles = Math.Max(files - 3, 100);
        var js = smallFiles * 65 / 1000;
        var maps = js / 3;
        var css = smallFiles * 18 / 1000;
        var bcmap = smallFiles * 28 / 1000;
        var fonts = smallFiles * 9 / 1000;
        var svg = smallFiles - js - maps - css - bcmap - fonts;

        var plan = new List<Entry>(smallFiles);
        void Add(Kind kind, int count, string folder, string extension, Func<int> size)
        {
            for (var i = 0; i < count; i++)
            {
                var package = Packages[random.Next(Packages.Length)];
                var stem = Words[random.Next(Words.Length)] + "-" + Words[random.Next(Words.Length)];
                var path = string.Create(CultureInfo.InvariantCulture, $"{package}/{folder}/{stem}-{i}{extension}");
                var mapPath = kind == Kind.Js && i < maps ? path + ".map" : null;
                plan.Add(new Entry(plan.Count, kind, path, size(), mapPath));
                if (mapPath is not null)
                {
                    plan.Add(new Entry(plan.Count, Kind.Map, mapPath, LogUniform(random, 2 * KB, 60 * KB), null));
                }
            }
        }

        Add(Kind.Js, js, "dist", ".js", () => LogUniform(random, 1 * KB, 80 * KB));
        Add(Kind.Css, css, "css", ".css", () => LogUniform(random, 1 * KB, 40 * KB));
        Add(Kind.Svg, svg, "icons", ".svg", () => random.Next(20) == 0 ? LogUniform(random, 2 * KB, 8 * KB) : LogUniform(random, 250, 1900));
        Add(Kind.Bcmap, bcmap, "cmaps", ".bcmap", () => random.Next(5) == 0 ? LogUniform(random, 2 * KB, 40 * KB) : LogUniform(random, 150, 1900));
        Add(Kind.Woff2, fonts / 2, "fonts", ".woff2", () => LogUniform(random, 10 * KB, 120 * KB));
        Add(Kind.Ttf, fonts - fonts / 2, "fonts", ".ttf", () => LogUniform(random, 20 * KB, 200 * KB));
        return plan;
    }

    private static byte[] Content(Entry entry, List<Entry> plan, Random random) => entry.Kind switch
    {
        Kind.Js => Encoding.UTF8.GetBytes(Js(entry, random)),
        Kind.Map => Encoding.UTF8.GetBytes(Map(entry, random)),
        Kind.Css => Encoding.UTF8.GetBytes(Css(entry, plan, random)),
        Kind.Svg => Encoding.UTF8.GetBytes(Svg(entry, random)),
        Kind.Json => Encoding.UTF8.GetBytes(Json(entry, random)),
        _ => RandomBytes(entry.Size, random),
    };

    private static string Js(Entry entry, Random random)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder(entry.Size + 512);
        text.Append(c, $"/*! {entry.Path} v{random.Next(1, 9)}.{random.Next(20)}.{random.Next(50)} | MIT */\n\"use strict\";\n");
        while (text.Length < entry.Size)
        {
            var name = Identifier(random);
            text.Append(c, $"export function {name}({Word(random)}, {Word(random)}) {{\n")
                .Append(c, $"  const {Word(random)}List = {Word(random)}.map((x) => x * {random.Next(2, 64)} + {Word(random)}).filter(Boolean);\n")
                .Append(c, $"  if (!{Word(random)}List.length) {{ throw new Error(\"{name}: no {Word(random)} for {Word(random)} {random.Next(1000)}\"); }}\n")
                .Append(c, $"  return {{ id: \"{Identifier(random)}\", {Word(random)}: {Word(random)}List, count: {Word(random)}List.length }};\n}}\n");
        }

        if (entry.MapPath is not null)
        {
            text.Append("//# sourceMappingURL=").Append(Path.GetFileName(entry.MapPath)).Append('\n');
        }

        return text.ToString();
    }

    private static string Map(Entry entry, Random random)
    {
        const string Vlq = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var text = new StringBuilder(entry.Size + 256);
        text.Append("{\"version\":3,\"file\":\"").Append(Path.GetFileName(entry.Path)[..^4]).Append("\",\"sources\":[");
        for (var i = 0; i < 4; i++)
        {
            text.Append(i > 0 ? "," : "").Append("\"../src/").Append(Word(random)).Append('/').Append(Identifier(random)).Append(".ts\"");
        }

        text.Append("],\"names\":[");
        for (var i = 0; i < 40; i++)
        {
            text.Append(i > 0 ? "," : "").Append('"').Append(Identifier(random)).Append('"');
        }

        text.Append("],\"mappings\":\"");
        while (text.Length < entry.Size)
        {
            for (var i = random.Next(4, 7); i > 0; i--)
            {
                text.Append(Vlq[random.Next(16)]);
            }

            text.Append(random.Next(8) == 0 ? ';' : ',');
        }

        return text.Append("\"}\n").ToString();
    }

    private static string Css(Entry entry, List<Entry> plan, Random random)
    {
        var c = CultureInfo.InvariantCulture;
        var directory = Path.GetDirectoryName(entry.Path)!;
        string Url(Entry target) => Path.GetRelativePath(directory, target.Path).Replace('\\', '/');
        Entry Pick(params Kind[] kinds)
        {
            // The npm shape has no raster images, and a tiny corpus may lack fonts: icons stand in.
            if (!kinds.Any(k => plan.Exists(e => e.Kind == k)))
            {
                kinds = [Kind.Svg];
            }

            while (true)
            {
                var candidate = plan[random.Next(plan.Count)];
                if (kinds.Contains(candidate.Kind))
                {
                    return candidate;
                }
            }
        }

        var text = new StringBuilder(entry.Size + 512);
        text.Append(c, $"/* {entry.Path} */\n");

        // About a third import one or two stylesheets planned before them, so there are import chains but no cycles.
        var earlierCss = plan.Take(entry.Index).Where(e => e.Kind == Kind.Css).ToList();
        if (earlierCss.Count > 0 && random.Next(3) == 0)
        {
            for (var i = random.Next(1, 3); i > 0; i--)
            {
                text.Append(c, $"@import \"{Url(earlierCss[random.Next(earlierCss.Count)])}\";\n");
            }
        }

        if (random.Next(4) == 0)
        {
            var family = Identifier(random);
            text.Append(c, $"@font-face {{ font-family: \"{family}\"; src: url(\"{Url(Pick(Kind.Woff2))}\") format(\"woff2\"); font-display: swap; }}\n");
        }

        while (text.Length < entry.Size)
        {
            text.Append(c, $".{Word(random)}-{Word(random)}-{random.Next(100)} {{ color: #{random.Next(0x1000000):x6}; margin: {random.Next(24)}px {random.Next(24)}px; ");
            switch (random.Next(10))
            {
                case 0:
                    text.Append(c, $"background: url(\"{Url(Pick(Kind.Png, Kind.Jpg))}\") no-repeat center / cover; ");
                    break;
                case 1:
                    text.Append(c, $"background-image: url({Url(Pick(Kind.Svg))}); ");
                    break;
                default:
                    text.Append(c, $"display: {(random.Next(2) == 0 ? "flex" : "grid")}; gap: {random.Next(16)}px; ");
                    break;
            }

            text.Append("}\n");
        }

        return text.ToString();
    }

    private static string Svg(Entry entry, Random random)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder(entry.Size + 128);
        text.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\">\n");
        while (text.Length < entry.Size)
        {
            text.Append("  <path d=\"M").Append(c, $"{random.Next(24)} {random.Next(24)}");
            for (var i = random.Next(3, 8); i > 0; i--)
            {
                text.Append(c, $" L{random.Next(24)}.{random.Next(10)} {random.Next(24)}.{random.Next(10)}");
            }

            text.Append("Z\"/>\n");
        }

        return text.Append("</svg>\n").ToString();
    }

    private static string Json(Entry entry, Random random)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder(entry.Size + 128);
        text.Append('[');
        var first = true;
        while (text.Length < entry.Size)
        {
            text.Append(first ? "\n" : ",\n");
            first = false;
            text.Append(c, $"  {{\"id\": {random.Next(100000)}, \"name\": \"{Word(random)} {Word(random)}\", \"{Word(random)}\": {random.Next(1000)}.{random.Next(100)}, \"active\": {(random.Next(2) == 0 ? "true" : "false")}}}");
        }

        return text.Append("\n]\n").ToString();
    }

    private static void WriteBigFile(string path, int size, bool compressible, Random random)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var block = new byte[64 * KB];
        for (var written = 0; written < size; written += block.Length)
        {
            // Compressible files alternate random blocks with repetitive ones (code-like runs), about half and half.
            if (compressible && (written / block.Length) % 2 == 1)
            {
                for (var i = 0; i < block.Length; i++)
                {
                    block[i] = (byte)((i % 97) < 64 ? i % 13 + 0x20 : random.Next(256));
                }
            }
            else
            {
                random.NextBytes(block);
            }

            file.Write(block, 0, Math.Min(block.Length, size - written));
        }
    }

    private static byte[] RandomBytes(int size, Random random)
    {
        var bytes = new byte[size];
        random.NextBytes(bytes);
        return bytes;
    }

    private static void Write(string root, string relative, byte[] bytes)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private static void Add(Dictionary<Kind, (int Count, long Bytes)> written, Kind kind, long bytes)
    {
        var (count, total) = written.GetValueOrDefault(kind);
        written[kind] = (count + 1, total + bytes);
    }

    private static int LogUniform(Random random, int min, int max) =>
        (int)Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max) - Math.Log(min)));

    private static string Word(Random random) => Words[random.Next(Words.Length)];

    private static string Identifier(Random random)
    {
        var second = Word(random);
        return Word(random) + char.ToUpperInvariant(second[0]) + second[1..] + random.Next(100).ToString(CultureInfo.InvariantCulture);
    }
}
