using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.AspNetCore.Urls;
using StaticPublish.Core.Signing;

namespace StaticPublish.AspNetCore.Cookies;

/// <summary>
/// Sets CloudFront signed cookies for a wildcard custom policy, so pages can use plain CDN URLs. The cookie values
/// change once per window; a request that already carries the current values gets no Set-Cookie.
/// </summary>
internal sealed class SignedCookieMiddleware(RequestDelegate next, CloudFrontSigner signer, IStaticAssetUrls urls, IOptions<StaticPublishRuntimeOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private (long Window, CloudFrontSignedCookies Cookies)? _current;

    public Task InvokeAsync(HttpContext context)
    {
        var cookies = CurrentCookies();
        if (context.Request.Cookies[CloudFrontSignedCookies.PolicyName] != cookies.Policy)
        {
            var settings = options.Value.SignedCookies;
            var cookieOptions = new CookieOptions
            {
                Domain = settings.Domain,
                Path = settings.Path,
                Secure = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
            };
            foreach (var (name, value) in cookies.Cookies)
            {
                context.Response.Cookies.Append(name, value, cookieOptions);
            }
        }

        return next(context);
    }

    internal CloudFrontSignedCookies CurrentCookies()
    {
        var settings = options.Value;
        var window = time.GetUtcNow().UtcTicks / settings.SignedUrlWindow.Ticks;
        lock (_gate)
        {
            if (_current is { } current && current.Window == window)
            {
                return current.Cookies;
            }

            var resource = settings.SignedCookies.Resource ?? (urls is StaticAssetUrls { Catalog: var catalog } && catalog.BaseUrl.Length > 0 ? catalog.BaseUrl + "*" : throw new InvalidOperationException("StaticPublish:SignedCookies:Resource is required when no manifest is loaded."));
            var expires = new DateTimeOffset((window + 1) * settings.SignedUrlWindow.Ticks, TimeSpan.Zero) + settings.SignedUrlLifetime;
            var cookies = signer.CreateCookies(new CloudFrontPolicy(resource, expires, settings.CloudFront.NotBefore, settings.CloudFront.IpAddress));
            _current = (window, cookies);
            return cookies;
        }
    }
}
