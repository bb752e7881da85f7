using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.AspNetCore.Diagnostics;
using StaticPublish.AspNetCore.Urls;
using StaticPublish.Core.Text;

namespace StaticPublish.AspNetCore.Components;

/// <summary>
/// Gives an endpoint that carries the SDK's <see cref="ResourceAssetCollection"/> (every endpoint of
/// <c>MapRazorComponents</c>, <c>MapRazorPages</c> and <c>MapControllerRoute</c> with <c>WithStaticAssets()</c>) a clone
/// whose metadata ASP.NET Core's own mechanisms read as CDN URLs:
/// <list type="bullet">
/// <item>Components (<c>@Assets[...]</c>, <c>ComponentBase.Assets</c>, the circuit's components) get a collection with the
/// manifest's URLs for the assets it knows, which may be absolute.</item>
/// <item>MVC and Razor Pages get the manifest's paths relative to the base URL: their tag helpers prefix "/" and the
/// PathBase to whatever the collection returns, so they must not see absolute URLs. Their <c>~/</c> references then
/// reach <c>Url.Content</c> as <c>~/css/site.3f2a1b9c0d.css</c>, which StaticPublish resolves to the CDN.</item>
/// <item>Both get an <see cref="ImportMapDefinition"/> mapping the manifest's modules, by logical path and by the SDK's
/// fingerprinted URL, to their CDN URLs with integrity (read by <c>&lt;ImportMap /&gt;</c> and the
/// <c>&lt;script type="importmap"&gt;</c> tag helper), combined with the framework's entries for everything else, such
/// as <c>_framework/resource-collection.*.js</c>.</item>
/// <item>The SDK's preload list is dropped: it names local URLs, which would download every file twice.</item>
/// </list>
/// Clones are made once per endpoint (and signing window), so a request costs a table lookup.
/// </summary>
internal sealed class ResourceAssetSwap(StaticAssetCatalog catalog, AssetUrlStrategy strategy, IOptions<StaticPublishRuntimeOptions> options, LocalAssetWatch watch)
{
    private readonly ConditionalWeakTable<Endpoint, Clone> _clones = new();
    private readonly ConditionalWeakTable<ResourceAssetCollection, Collections> _collections = new();

    public bool IsEnabled => catalog.IsEnabled;

    public Endpoint For(RouteEndpoint endpoint, ResourceAssetCollection original)
    {
        var generation = strategy.Generation;
        if (_clones.TryGetValue(endpoint, out var cached) && cached.Generation == generation)
        {
            return cached.Endpoint;
        }

        var collections = CollectionsFor(original, endpoint.Metadata.GetMetadata<ImportMapDefinition>(), generation);
        var forMvc = endpoint.Metadata.GetMetadata<ActionDescriptor>() is not null;
        var metadata = endpoint.Metadata
            .Where(item => item.GetType().Name != "ResourcePreloadCollection")
            .Append(forMvc ? collections.ForMvc : collections.WithCdnUrls)
            .Append(collections.ImportMap);
        var clone = new RouteEndpoint(
            endpoint.RequestDelegate ?? (static _ => Task.CompletedTask),
            endpoint.RoutePattern,
            endpoint.Order,
            new EndpointMetadataCollection(metadata),
            endpoint.DisplayName);
        _clones.AddOrUpdate(endpoint, new Clone(generation, clone));
        return clone;
    }

    private Collections CollectionsFor(ResourceAssetCollection original, ImportMapDefinition? originalMap, long generation)
    {
        if (_collections.TryGetValue(original, out var cached) && cached.Generation == generation)
        {
            return cached;
        }

        var withCdnUrls = new List<ResourceAsset>();
        var forMvc = new List<ResourceAsset>();
        var signed = options.Value.UrlMode is StaticAssetUrlMode.S3Presigned or StaticAssetUrlMode.CloudFrontSigned;
        var ourUrls = new HashSet<string>(StringComparer.Ordinal);
        var ourLabels = new HashSet<string>(StringComparer.Ordinal);
        var modulesBySdkUrl = new List<(string SdkUrl, StaticAsset Asset)>();
        foreach (var asset in (IEnumerable<ResourceAsset>)original)
        {
            var label = Property(asset, "label");
            if (label is null || !catalog.TryGet(label, out var ours))
            {
                withCdnUrls.Add(asset);
                forMvc.Add(asset);
                continue;
            }

            watch.RememberSdkUrl(asset.Url, ours);
            ourUrls.Add("./" + asset.Url);
            ourLabels.Add("./" + label);
            if (ContentTypes.IsJavaScript(ours.Entry.ContentType))
            {
                modulesBySdkUrl.Add(("./" + asset.Url, ours));
            }

            var properties = (asset.Properties ?? [])
                .Where(p => !p.Name.Equals("integrity", StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (ours.Entry.Fingerprinted)
            {
                // The bytes on the CDN can differ from the build's (CSS url()s are rewritten): the manifest's hash is theirs.
                properties.Add(new ResourceAssetProperty("integrity", ours.Integrity));
            }

            withCdnUrls.Add(new ResourceAsset(strategy.Get(ours), properties));

            // MVC resolves "~/css/site.css" to "~/" + this URL and requires Url.Content to keep its tail, so it gets the
            // path relative to the base URL, which Url.Content turns into base URL + path. A signed URL has a query
            // after the path, so signed modes keep the SDK's URL (the StaticPublish tag helpers rewrite those).
            forMvc.Add(signed ? asset : new ResourceAsset(ours.Entry.Path, properties));
        }

        var imports = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var integrity = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in originalMap?.Imports ?? new Dictionary<string, string>())
        {
            if (!ourLabels.Contains(key))
            {
                imports[key] = value;
            }
        }

        foreach (var (key, value) in originalMap?.Integrity ?? new Dictionary<string, string>())
        {
            // The framework keys integrity by URL or by label, depending on the asset.
            if (!ourUrls.Contains(key) && !ourLabels.Contains(key))
            {
                integrity[key] = value;
            }
        }

        foreach (var asset in catalog.Assets.Where(a => ContentTypes.IsJavaScript(a.Entry.ContentType)))
        {
            var url = strategy.Get(asset);
            // "./x.js" for imports from the page (relative to its base URL); the CDN's original-name URL for relative
            // imports from modules that came from the CDN, such as blazor.web.js importing ./dotnet.js.
            imports["./" + asset.LogicalPath] = url;
            imports[catalog.BaseUrl + EscapePath(asset.LogicalPath)] = url;
            if (asset.Entry.Fingerprinted)
            {
                integrity[url] = asset.Integrity;
            }
        }

        // Modules are also imported by the SDK's fingerprinted URL relative to the page, as blazor.web.js imports the JS
        // initializers that {App}.modules.json lists: mapped too, they load from the CDN.
        foreach (var (sdkUrl, asset) in modulesBySdkUrl)
        {
            imports[sdkUrl] = strategy.Get(asset);
        }

        var collections = new Collections(
            generation,
            new ResourceAssetCollection(withCdnUrls),
            new ResourceAssetCollection(forMvc),
            new ImportMapDefinition(imports, originalMap?.Scopes, integrity));
        _collections.AddOrUpdate(original, collections);
        return collections;
    }

    private static string? Property(ResourceAsset asset, string name) =>
        asset.Properties?.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private sealed record Clone(long Generation, Endpoint Endpoint);

    private sealed record Collections(
        long Generation, ResourceAssetCollection WithCdnUrls, ResourceAssetCollection ForMvc, ImportMapDefinition ImportMap);
}
