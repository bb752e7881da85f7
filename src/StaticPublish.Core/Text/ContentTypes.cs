using System.Collections.Frozen;

namespace StaticPublish.Core.Text;

/// <summary>
/// Content types by file extension for what web apps serve. Known web types (wasm, mjs, svg, woff2,
/// webmanifest, ...) never fall back to <c>application/octet-stream</c>, which breaks them in browsers, and legacy
/// types the .NET SDK still writes (<c>application/font-woff</c>, <c>text/plain</c> for source maps) give way to the
/// standard ones.
/// </summary>
public static class ContentTypes
{
    /// <summary>The type for an unknown extension.</summary>
    public const string Fallback = "application/octet-stream";

    private static readonly FrozenDictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html",
        [".htm"] = "text/html",
        [".css"] = "text/css",
        [".js"] = "text/javascript",
        [".mjs"] = "text/javascript",
        [".cjs"] = "text/javascript",
        [".map"] = "application/json",
        [".json"] = "application/json",
        [".jsonld"] = "application/ld+json",
        [".webmanifest"] = "application/manifest+json",
        [".wasm"] = "application/wasm",
        [".xml"] = "application/xml",
        [".rss"] = "application/rss+xml",
        [".atom"] = "application/atom+xml",
        [".txt"] = "text/plain",
        [".md"] = "text/markdown",
        [".csv"] = "text/csv",
        [".ics"] = "text/calendar",
        [".vtt"] = "text/vtt",
        [".svg"] = "image/svg+xml",
        [".svgz"] = "image/svg+xml",
        [".png"] = "image/png",
        [".apng"] = "image/apng",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".avif"] = "image/avif",
        [".ico"] = "image/x-icon",
        [".bmp"] = "image/bmp",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".woff"] = "font/woff",
        [".woff2"] = "font/woff2",
        [".ttf"] = "font/ttf",
        [".otf"] = "font/otf",
        [".eot"] = "application/vnd.ms-fontobject",
        [".mp4"] = "video/mp4",
        [".webm"] = "video/webm",
        [".ogv"] = "video/ogg",
        [".mp3"] = "audio/mpeg",
        [".ogg"] = "audio/ogg",
        [".oga"] = "audio/ogg",
        [".wav"] = "audio/wav",
        [".flac"] = "audio/flac",
        [".m4a"] = "audio/mp4",
        [".pdf"] = "application/pdf",
        [".zip"] = "application/zip",
        [".gz"] = "application/gzip",
        [".br"] = "application/x-brotli",
        [".dll"] = "application/octet-stream",
        [".pdb"] = "application/octet-stream",
        [".dat"] = "application/octet-stream",
        [".blat"] = "application/octet-stream",
        [".bin"] = "application/octet-stream",
        // pdf.js's binary character maps: no registered type, and pdf.js fetches them as bytes.
        [".bcmap"] = "application/octet-stream",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Types older tools and the SDK's defaults still give, with the standard type browsers expect instead.
    private static readonly FrozenDictionary<string, string> Legacy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["application/javascript"] = "text/javascript",
        ["application/x-javascript"] = "text/javascript",
        ["application/ecmascript"] = "text/javascript",
        ["text/ecmascript"] = "text/javascript",
        ["application/font-woff"] = "font/woff",
        ["application/x-font-woff"] = "font/woff",
        ["application/font-woff2"] = "font/woff2",
        ["application/x-font-ttf"] = "font/ttf",
        ["application/x-font-truetype"] = "font/ttf",
        ["font/truetype"] = "font/ttf",
        ["application/x-font-opentype"] = "font/otf",
        ["font/opentype"] = "font/otf",
        ["application/x-web-app-manifest+json"] = "application/manifest+json",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The content type for a file name or path, or <see cref="Fallback"/> when the extension is unknown.</summary>
    public static string Get(string path) => TryGet(path, out var type) ? type : Fallback;

    /// <summary>
    /// The type to store a file with, given the type another tool declared for it (the SDK's endpoints manifest):
    /// the standard type when the extension is known (so <c>.map</c> is JSON and <c>.woff</c> is <c>font/woff</c>
    /// whatever was declared), else the declared type with legacy names replaced, else <see cref="Fallback"/>.
    /// </summary>
    public static string Resolve(string path, string? declared)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (TryGet(path, out var known))
        {
            return known;
        }

        if (string.IsNullOrWhiteSpace(declared))
        {
            return Fallback;
        }

        var media = declared.Split(';', 2)[0].Trim();
        return Legacy.TryGetValue(media, out var standard) ? standard : declared.Trim();
    }

    /// <summary>
    /// Whether a file stored as <see cref="Fallback"/> is worth a warning: it has an extension, and that extension is
    /// not one of the binary formats deliberately served as <c>application/octet-stream</c> (<c>.dll</c>, <c>.dat</c>, ...).
    /// </summary>
    public static bool IsUnexpectedFallback(string path, string contentType)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(contentType);
        var extension = Path.GetExtension(path);
        return extension.Length > 1
            && contentType.Split(';', 2)[0].Trim().Equals(Fallback, StringComparison.OrdinalIgnoreCase)
            && !ByExtension.ContainsKey(extension);
    }

    /// <summary>The media type of a content type: no parameters, trimmed, lower case (<c>Text/CSS; charset=utf-8</c> is <c>text/css</c>).</summary>
    public static string MediaType(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        return contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
    }

    /// <summary>
    /// Whether a content type is JavaScript, with parameters or under a legacy name (<c>text/javascript; charset=utf-8</c>,
    /// <c>application/javascript</c>): a publish rule can store a script with either.
    /// </summary>
    public static bool IsJavaScript(string contentType)
    {
        var media = MediaType(contentType);
        return media == "text/javascript" || (Legacy.TryGetValue(media, out var standard) && standard == "text/javascript");
    }

    /// <summary>Looks up the content type for a file name or path by its extension.</summary>
    public static bool TryGet(string path, out string contentType)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ByExtension.TryGetValue(Path.GetExtension(path), out contentType!);
    }
}
