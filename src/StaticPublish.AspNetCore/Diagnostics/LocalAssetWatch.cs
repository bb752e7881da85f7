using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using StaticPublish.AspNetCore.Logging;
using StaticPublish.AspNetCore.Urls;

namespace StaticPublish.AspNetCore.Diagnostics;

/// <summary>
/// Tells the user, once, when a page made the browser load a stylesheet or script from the app that the manifest has
/// on the CDN: the page rendered a local URL. With the default URL mode that happens for root-relative references
/// (<c>href="/css/site.css"</c>) and, in the signed modes, for every <c>~/</c> reference, unless the StaticPublish tag
/// helpers are registered; the warning names the line to add. Requests a browser makes for itself are told apart by
/// <c>Sec-Fetch-Dest</c>, so health probes, crawlers and curl never trigger it.
/// </summary>
internal sealed class LocalAssetWatch(StaticAssetCatalog catalog, ILogger<LocalAssetWatch> logger)
{
    // The runtime's own files are the app's by design: the WebAssembly runtime's generated resource collection, and the
    // client's appsettings, which the JS initializer fetches from the app (see StaticPublish.AspNetCore.lib.module.js).
    private static readonly string[] AppOwnedPrefixes = ["_framework/", "_content/StaticPublish.AspNetCore/"];

    private readonly ConcurrentDictionary<string, StaticAsset> _sdkUrls = new(StringComparer.Ordinal);
    private int _warned;

    /// <summary>Whether the one warning has been logged.</summary>
    public bool HasWarned => Volatile.Read(ref _warned) != 0;

    /// <summary>Remembers the SDK's fingerprinted URL of an asset the manifest has, as the framework renders it locally.</summary>
    public void RememberSdkUrl(string sdkUrl, StaticAsset asset) => _sdkUrls.TryAdd(sdkUrl, asset);

    /// <summary>Looks at a request the app has answered, and logs the warning the first time it finds a local asset load.</summary>
    public void Observe(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HasWarned || !catalog.IsEnabled || !IsSubresourceLoad(context.Request) || context.Response.StatusCode is not (200 or 304))
        {
            return;
        }

        // The matched endpoint's route is the asset's path whatever PathBase the app strips (MapStaticAssets routes are
        // the assets' paths); UseStaticFiles has no endpoint, and there the request path is it.
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var path = (route ?? context.Request.Path.Value ?? "").TrimStart('/');
        if (AppOwnedPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)) || path.Contains("appsettings", StringComparison.Ordinal))
        {
            return;
        }

        if ((catalog.TryGet(path, out var asset) || _sdkUrls.TryGetValue(path, out asset)) && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            var referer = context.Request.Headers.Referer.ToString();
            Log.LocalAssetLoaded(logger, context.Request.PathBase + context.Request.Path, string.IsNullOrEmpty(referer) ? "a page" : referer,
                catalog.BaseUrl + asset.Entry.Path);
        }
    }

    private static bool IsSubresourceLoad(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers["Sec-Fetch-Dest"].ToString() is "style" or "script";
}
