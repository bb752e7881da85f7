namespace StaticPublish.Core.Publishing.Preparing;

/// <summary>Paths relative to the asset root (forward slashes, not encoded) and the relative URLs between them.</summary>
internal static class RelativePaths
{
    /// <summary>The folder part of a path: <c>css/site.css</c> → <c>css</c>, <c>site.css</c> → empty.</summary>
    public static string DirectoryOf(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : "";

    /// <summary>
    /// The path a reference's percent-encoded path part names, seen from <paramref name="fromFile"/>: relative to its
    /// folder, or to the root when it starts with '/'. Null when it is empty or climbs above the root. A broken
    /// escape such as <c>%E0%A4</c> stays as written, as browsers leave it.
    /// </summary>
    public static string? Resolve(string fromFile, string pathPart)
    {
        var decoded = Uri.UnescapeDataString(pathPart);
        if (decoded.Length == 0)
        {
            return null;
        }

        var segments = new List<string>();
        foreach (var segment in ((decoded.StartsWith('/') ? "" : DirectoryOf(fromFile)) + "/" + decoded).Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case ".." when segments.Count == 0:
                    return null;
                case "..":
                    segments.RemoveAt(segments.Count - 1);
                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>The relative, percent-encoded URL from a folder to a path: <c>css</c>, <c>fonts/a b.woff2</c> → <c>../fonts/a%20b.woff2</c>.</summary>
    public static string RelativeUrl(string fromDirectory, string toPath)
    {
        var from = fromDirectory.Length == 0 ? [] : fromDirectory.Split('/');
        var to = toPath.Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common])
        {
            common++;
        }

        return string.Join('/', Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common).Select(Uri.EscapeDataString)));
    }
}
