using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;

namespace StaticPublish.AspNetCore.Urls;

/// <summary>
/// Resolves <c>~/</c> content URLs from the manifest. Razor resolves every <c>~/</c> attribute (<c>href</c>,
/// <c>src</c>, ...) and <c>Url.Content</c> through this factory, so a <c>dotnet new webapp</c> layout renders CDN URLs
/// with no view changes. Everything else goes to the framework's factory.
/// </summary>
internal sealed class StaticPublishUrlHelperFactory(IUrlHelperFactory inner, IStaticAssetUrls urls) : IUrlHelperFactory
{
    public IUrlHelper GetUrlHelper(ActionContext context)
    {
        var items = context.HttpContext.Items;
        if (items.TryGetValue(typeof(StaticPublishUrlHelper), out var cached) && cached is StaticPublishUrlHelper helper && helper.ActionContext == context)
        {
            return helper;
        }

        helper = new StaticPublishUrlHelper(inner.GetUrlHelper(context), urls);
        items[typeof(StaticPublishUrlHelper)] = helper;
        return helper;
    }

    private sealed class StaticPublishUrlHelper(IUrlHelper inner, IStaticAssetUrls urls) : IUrlHelper
    {
        public ActionContext ActionContext => inner.ActionContext;

        public string? Action(UrlActionContext actionContext) => inner.Action(actionContext);

        [return: NotNullIfNotNull(nameof(contentPath))]
        public string? Content(string? contentPath) =>
            contentPath is not null && contentPath.StartsWith("~/", StringComparison.Ordinal) && urls.TryResolve(contentPath, out var asset, out var url)
                && (NamesLogicalPath(contentPath, asset) || url.EndsWith(contentPath[1..], StringComparison.Ordinal))
                ? url
                : inner.Content(contentPath);

        /// <summary>
        /// Whether the reference names the asset (<c>~/css/site.css</c>), as app code does. MVC's URL resolution instead
        /// passes the stored path from the endpoint's ResourceAssetCollection and requires the result to end with it,
        /// which a signed URL (a query after the path) cannot; those stay local, and the tag helpers rewrite them.
        /// </summary>
        private static bool NamesLogicalPath(string contentPath, StaticAsset asset)
        {
            var end = contentPath.IndexOfAny(['?', '#']);
            return string.Equals(Uri.UnescapeDataString(contentPath[2..(end < 0 ? contentPath.Length : end)]), asset.LogicalPath, StringComparison.Ordinal);
        }

        public bool IsLocalUrl([NotNullWhen(true)] string? url) => inner.IsLocalUrl(url);

        public string? Link(string? routeName, object? values) => inner.Link(routeName, values);

        public string? RouteUrl(UrlRouteContext routeContext) => inner.RouteUrl(routeContext);
    }
}
