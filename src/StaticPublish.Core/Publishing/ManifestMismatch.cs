namespace StaticPublish.Core.Publishing;

/// <summary>One difference between a manifest entry and the object in the bucket.</summary>
/// <param name="LogicalPath">The asset's logical path in the manifest.</param>
/// <param name="Key">The object key.</param>
/// <param name="Kind">What differs.</param>
/// <param name="Expected">The manifest's value, or null for <see cref="ManifestMismatchKind.Missing"/>.</param>
/// <param name="Actual">The bucket's value (null when the object has no such header).</param>
public sealed record ManifestMismatch(string LogicalPath, string Key, ManifestMismatchKind Kind, string? Expected, string? Actual)
{
    /// <summary>The header or property name, as users see it: <c>missing</c>, <c>size</c>, <c>Content-Type</c>, ….</summary>
    public string What => Kind switch
    {
        ManifestMismatchKind.Missing => "missing",
        ManifestMismatchKind.Size => "size",
        ManifestMismatchKind.ContentType => "Content-Type",
        ManifestMismatchKind.ContentEncoding => "Content-Encoding",
        ManifestMismatchKind.CacheControl => "Cache-Control",
        _ => "integrity",
    };

    /// <summary>One line, e.g. <c>static/css/site.3f2a1b9c0d.css: Cache-Control is 'no-cache', the manifest says 'public, max-age=31536000, immutable'</c>.</summary>
    public override string ToString() => Kind == ManifestMismatchKind.Missing
        ? $"{Key}: missing from the bucket"
        : $"{Key}: {What} is {Quote(Actual)}, the manifest says {Quote(Expected)}";

    private static string Quote(string? value) => value is null ? "(none)" : $"'{value}'";
}
