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

    internal StaticAssetCatalog Catalog => catalog;

    public string this[string path] => Get(path);

    public string Get(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (TryResolve(path, out var resolved))
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

    /// <summary>Resolves a reference that may carry a query and fragment (<c>~/css/a.css?v=2#x</c>), keeping both.</summary>
    public bool TryResolve(string reference, [NotNullWhen(true)] out string? url)
    {
        var cut = reference.AsSpan().IndexOfAny('?', '#');
        if (cut < 0)
        {
            return TryGet(reference, out url);
        }

        if (!catalog.TryGet(reference.AsSpan(0, cut), out var asset))
        {
            url = null;
            return false;
        }

        var hash = reference.IndexOf('#', cut);
        var query = reference[cut] == '?' ? reference[(cut + 1)..(hash < 0 ? reference.Length : hash)] : "";
        var fragment = hash < 0 ? "" : reference[hash..];
        url = (query.Length == 0 ? urls.Get(asset) : urls.Get(asset, query)) + fragment;
        return true;
    }

    public bool TryGetAsset(ReadOnlySpan<char> path, [NotNullWhen(true)] out StaticAsset? asset)
    {
        if (catalog.TryGet(path, out var found))
        {
            asset = found;
            return true;
        }

        asset = null;
        return false;
    }
}
