using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.AspNetCore.Urls;
using StaticPublish.Core.Signing;

namespace StaticPublish.AspNetCore.Cookies;

/// <summary>
/// Sets CloudFront signed cookies (a wildcard custom policy, or a canned one for a single URL), so pages can use plain
/// CDN URLs. The cookie values change once per window; a request that already carries the current signature gets no
/// Set-Cookie. The cookies open the CDN to whoever gets a response: <see cref="SignedCookieOptions.When"/> decides who
/// that is, since this is CDN access, not authorisation.
/// </summary>
internal sealed class SignedCookieMiddleware(RequestDelegate next, CloudFrontSigner signer, StaticAssetCatalog catalog, IOptions<StaticPublishRuntimeOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private (long Window, CloudFrontSignedCookies Cookies)? _current;

    public Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value.SignedCookies;
        if (settings.When?.Invoke(context) == false)
        {
            return next(context);
        }

        // The signature is in both forms (canned and custom), and changes whenever any other value does.
        var cookies = CurrentCookies();
        if (context.Request.Cookies[CloudFrontSignedCookies.SignatureName] != cookies.Signature)
        {
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
        var window = SigningWindow.At(time.GetUtcNow(), settings.SignedUrlWindow, settings.SignedUrlLifetime);
        lock (_gate)
        {
            if (_current is { } current && current.Window == window.Index)
            {
                return current.Cookies;
            }

            var resource = settings.SignedCookies.Resource
                ?? (catalog.BaseUrl.Length > 0 ? catalog.BaseUrl + "*" : throw new InvalidOperationException("StaticPublish:SignedCookies:Resource is required when no manifest is loaded."));
            var cookies = signer.CreateCookies(new CloudFrontPolicy(resource, window.Expires, settings.CloudFront.NotBefore, settings.CloudFront.IpAddress));
            _current = (window.Index, cookies);
            return cookies;
        }
    }
}
