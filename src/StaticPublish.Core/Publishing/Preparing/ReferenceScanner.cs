using System.Buffers;
using System.Text.RegularExpressions;

namespace StaticPublish.Core.Publishing.Preparing;

/// <summary>
/// Finds the relative references StaticPublish rewrites: <c>url()</c>, <c>@import</c> and <c>sourceMappingURL</c> in
/// CSS, and <c>sourceMappingURL</c> in JS. References inside CSS comments, absolute URLs, protocol-relative URLs,
/// <c>data:</c> URIs and fragment-only references are left alone.
/// </summary>
internal static partial class ReferenceScanner
{
    public static List<AssetReference> FindInCss(string css)
    {
        var comments = CssComment().Matches(css).Select(m => (m.Index, End: m.Index + m.Length)).ToList();
        var references = new List<AssetReference>();
        foreach (Match match in CssUrl().Matches(css))
        {
            AddIfRelative(references, match.Groups["url"], comments, AssetReferenceKind.Url);
        }

        foreach (Match match in CssImport().Matches(css))
        {
            AddIfRelative(references, match.Groups["url"], comments, AssetReferenceKind.Import);
        }

        foreach (Match match in CssSourceMap().Matches(css))
        {
            AddIfRelative(references, match.Groups["url"], [], AssetReferenceKind.SourceMap);
        }

        references.Sort((a, b) => a.Start.CompareTo(b.Start));
        return references;
    }

    public static List<AssetReference> FindInJs(string js)
    {
        var references = new List<AssetReference>();
        foreach (Match match in JsSourceMap().Matches(js))
        {
            AddIfRelative(references, match.Groups["url"], [], AssetReferenceKind.SourceMap);
        }

        return references;
    }

    /// <summary>
    /// Whether a JS file's bytes may hold a reference <see cref="FindInJs"/> finds: false only when they cannot, as
    /// the ASCII <c>sourceMappingURL=</c> every such reference has is not among them. UTF-16 text (with a byte order
    /// mark) is not searched as bytes, so it may.
    /// </summary>
    public static bool MayHaveJsReferences(string path)
    {
        var marker = "sourceMappingURL="u8;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            // Each chunk starts with the previous one's last marker-length - 1 bytes, so a marker across the seam is found.
            var kept = 0;
            var first = true;
            int read;
            while ((read = file.Read(buffer, kept, buffer.Length - kept)) > 0)
            {
                var chunk = buffer.AsSpan(0, kept + read);
                if (first && (chunk.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || chunk.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])))
                {
                    return true;
                }

                if (chunk.IndexOf(marker) >= 0)
                {
                    return true;
                }

                first = false;
                kept = Math.Min(marker.Length - 1, chunk.Length);
                chunk[^kept..].CopyTo(buffer);
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether a reference points at another file of the app, not somewhere absolute or inline.</summary>
    public static bool IsRelative(string url) =>
        url.Length > 0
        && url[0] != '#'
        && !url.StartsWith("//", StringComparison.Ordinal)
        && !Scheme().IsMatch(url);

    private static void AddIfRelative(List<AssetReference> references, Group url, List<(int Start, int End)> comments, AssetReferenceKind kind)
    {
        var value = url.Value.Trim();
        if (!url.Success || !IsRelative(value) || comments.Any(c => url.Index >= c.Start && url.Index < c.End))
        {
            return;
        }

        var leading = url.Value.Length - url.Value.TrimStart().Length;
        references.Add(new AssetReference(url.Index + leading, value.Length, value, kind));
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CssComment();

    [GeneratedRegex(@"url\(\s*(?<quote>['""]?)(?<url>[^'""\)]*?)\k<quote>\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();

    [GeneratedRegex(@"@import\s+(?<quote>['""])(?<url>[^'""]+)\k<quote>", RegexOptions.IgnoreCase)]
    private static partial Regex CssImport();

    [GeneratedRegex(@"/\*[#@]\s*sourceMappingURL=(?<url>[^\s*]+)\s*\*/")]
    private static partial Regex CssSourceMap();

    [GeneratedRegex(@"^//[#@]\s*sourceMappingURL=(?<url>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex JsSourceMap();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.\-]*:")]
    private static partial Regex Scheme();
}
