using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StaticPublish.AspNetCore.Urls;

/// <summary>The <see cref="IStaticAssetUrls"/> over the loaded catalog and the configured URL mode.</summary>
internal sealed class StaticAssetUrls(StaticAssetCatalog catalog, AssetUrlStrategy urls, ILogger<StaticAssetUrls> logger, IHttpContextAccessor? http)
    : IStaticAssetUrls
{
    public bool IsEnabled => catalog.IsEnabled;

    public string? Release => catalog.Manifest?.Release;

    public IEnumerable<StaticAsset> Assets => catalog.Assets;

    public string this[string path] => Get(path);

    public string Get(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (TryResolve(path, out _, out var resolved))
        {
            return resolved;
        }

        if (catalog.IsEnabled)
        {
            Logging.Log.NotInManifest(logger, path);
        }

        var pathBase = http?.HttpContext?.Request.PathBase ?? PathString.Empty;
        var local = path.StartsWith("~/", StringComparison.Ordinal) ? path[1..] : path.StartsWith('/') ? path : "/" + path;
        return pathBase.HasValue ? pathBase.Value + local : local;
    }

    public bool TryGet(ReadOnlySpan<char> path, [NotNullWhen(true)] out string? url)
    {
        if (catalog.TryGet(path, out var asset))
        {
            url = urls.Get(asset);
            return true;
        }

        url = null;
        return false;
    }

    public bool TryResolve(string reference, [NotNullWhen(true)] out StaticAsset? asset, [NotNullWhen(true)] out string? url)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var parts = AssetReference.Parse(reference);
        // A logical path (css/site.css), or the stored one (css/site.3f2a1b9c0d.css) that MVC's URL resolution passes on.
        if (!catalog.TryGet(parts.Path, out var found) && !catalog.TryGetByStoredPath(parts.Path, out found))
        {
            asset = null;
            url = null;
            return false;
        }

        asset = found;
        // An empty fragment adds nothing, so an unsigned reference without query returns the precomputed string.
        url = (parts.Query.IsEmpty ? urls.Get(found) : urls.Get(found, parts.Query.ToString())) + parts.Fragment.ToString();
        return true;
    }

    public bool TryGetAsset(ReadOnlySpan<char> path, [NotNullWhen(true)] out StaticAsset? asset) => catalog.TryGet(path, out asset!);

    public bool TryGetAssetByUrl(ReadOnlySpan<char> url, [NotNullWhen(true)] out StaticAsset? asset) => catalog.TryGetByUrl(url, out asset!);
}
