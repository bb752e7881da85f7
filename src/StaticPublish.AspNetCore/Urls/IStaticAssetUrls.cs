using System.Diagnostics.CodeAnalysis;

namespace StaticPublish.AspNetCore.Urls;

/// <summary>
/// Resolves wwwroot-relative asset paths (<c>css/site.css</c>, <c>/css/site.css</c> or <c>~/css/site.css</c>) to
/// their CDN URLs from <c>staticpublish.manifest.json</c>. Inject it into code, or into views as
/// <c>@inject IStaticAssetUrls Assets</c> to write <c>@Assets["css/site.css"]</c>.
/// </summary>
public interface IStaticAssetUrls
{
    /// <summary>Whether a manifest is loaded. False in Development when it is missing: every path resolves locally.</summary>
    bool IsEnabled { get; }

    /// <summary>The manifest's release id, or null when no manifest is loaded.</summary>
    string? Release { get; }

    /// <summary>Every asset in the manifest.</summary>
    IEnumerable<StaticAsset> Assets { get; }

    /// <summary>The asset's URL, or its local path (with the request's PathBase) when it is not in the manifest. Never throws.</summary>
    string this[string path] { get; }

    /// <summary>The asset's URL, or its local path when it is not in the manifest. Never throws.</summary>
#pragma warning disable CA1716 // 'Get' is the documented name (urls.Get("css/site.css")); VB callers can use the indexer.
    string Get(string path);
#pragma warning restore CA1716

    /// <summary>The asset's URL; false when the path is not in the manifest. Unsigned lookups do no I/O and allocate nothing.</summary>
    bool TryGet(ReadOnlySpan<char> path, [NotNullWhen(true)] out string? url);

    /// <summary>
    /// Resolves a reference as a view writes it (<c>~/css/site.css?v=2#top</c>, <c>/css/site.css</c> or
    /// <c>css/site.css</c>) to its asset and URL, keeping the reference's query (signed, in the signed modes) and
    /// fragment. False when the path is not in the manifest.
    /// </summary>
    bool TryResolve(string reference, [NotNullWhen(true)] out StaticAsset? asset, [NotNullWhen(true)] out string? url);

    /// <summary>The manifest asset for a path.</summary>
    bool TryGetAsset(ReadOnlySpan<char> path, [NotNullWhen(true)] out StaticAsset? asset);

    /// <summary>
    /// The asset a URL this resolver returned points at (its unsigned URL; a signature or other query is ignored), for
    /// code that sees rendered URLs, such as a tag helper adding <c>integrity</c>.
    /// </summary>
    bool TryGetAssetByUrl(ReadOnlySpan<char> url, [NotNullWhen(true)] out StaticAsset? asset);
}
