using System.Collections.Frozen;
using StaticPublish.Core.Publishing;

namespace StaticPublish.AspNetCore.Urls;

/// <summary>The manifest parsed once into a frozen, span-searchable lookup by logical path.</summary>
internal sealed class StaticAssetCatalog
{
    private readonly FrozenDictionary<string, StaticAsset> _assets;
    private readonly FrozenDictionary<string, StaticAsset>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly FrozenDictionary<string, StaticAsset>.AlternateLookup<ReadOnlySpan<char>> _byUnsignedUrl;
    private readonly FrozenDictionary<string, StaticAsset>.AlternateLookup<ReadOnlySpan<char>> _byStoredPath;

    public StaticAssetCatalog(AssetManifest? manifest, string baseUrl, Func<AssetManifestEntry, string>? unsignedUrl)
    {
        Manifest = manifest;
        BaseUrl = baseUrl;
        _assets = manifest is null
            ? FrozenDictionary<string, StaticAsset>.Empty
            : manifest.Assets.ToFrozenDictionary(
                p => p.Key,
                p => new StaticAsset(p.Key, p.Value, unsignedUrl?.Invoke(p.Value) ?? baseUrl + p.Value.Path),
                StringComparer.Ordinal);
        _bySpan = _assets.GetAlternateLookup<ReadOnlySpan<char>>();
        _byUnsignedUrl = _assets.Values
            .GroupBy(a => a.UnsignedUrl, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _byStoredPath = _assets.Values
            .GroupBy(a => a.Entry.Path, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public AssetManifest? Manifest { get; }

    public string BaseUrl { get; }

    public bool IsEnabled => Manifest is not null;

    public IEnumerable<StaticAsset> Assets => _assets.Values;

    public int Count => _assets.Count;

    /// <summary>Finds an asset by logical path; a leading <c>~/</c> or <c>/</c> is ignored.</summary>
    public bool TryGet(ReadOnlySpan<char> path, out StaticAsset asset) => _bySpan.TryGetValue(WithoutRoot(path), out asset!);

    /// <summary>
    /// Finds an asset by its path relative to the base URL (<c>css/site.3f2a1b9c0d.css</c>, percent-encoded as in the
    /// manifest); a leading <c>~/</c> or <c>/</c> is ignored. MVC's URL resolution hands these to <c>Url.Content</c>.
    /// </summary>
    public bool TryGetByStoredPath(ReadOnlySpan<char> path, out StaticAsset asset) => _byStoredPath.TryGetValue(WithoutRoot(path), out asset!);

    /// <summary>Finds the asset a rendered URL points at: its unsigned URL, ignoring any (signature) query.</summary>
    public bool TryGetByUrl(ReadOnlySpan<char> url, out StaticAsset asset)
    {
        var query = url.IndexOf('?');
        return _byUnsignedUrl.TryGetValue(query < 0 ? url : url[..query], out asset!);
    }

    private static ReadOnlySpan<char> WithoutRoot(ReadOnlySpan<char> path) =>
        path.StartsWith("~/") ? path[2..] : path.StartsWith("/") ? path[1..] : path;
}
