namespace StaticPublish.AspNetCore.Configuration;

/// <summary>
/// CloudFront signed cookies (section <c>StaticPublish:SignedCookies</c>): pages use plain URLs and the browser
/// presents cookies for a wildcard custom policy (or a canned one for a single URL). The CDN must share a parent
/// domain with the app. The cookies are CDN access, not authorisation: every response that sets them grants the
/// resource to its receiver until they expire, so use <see cref="When"/> to grant them only to, say, signed-in users.
/// </summary>
public sealed class SignedCookieOptions
{
    /// <summary>Set the cookies on responses.</summary>
    public bool Enabled { get; set; }

    /// <summary>The cookie domain shared by the app and the CDN, e.g. <c>.example.com</c>.</summary>
    public string? Domain { get; set; }

    /// <summary>The cookie path.</summary>
    public string Path { get; set; } = "/";

    /// <summary>The wildcard resource the cookies grant, e.g. <c>https://cdn.example.com/static/*</c>. Defaults to the base URL plus <c>*</c>.</summary>
    public string? Resource { get; set; }

    /// <summary>
    /// Which requests get the cookies, e.g. <c>context =&gt; context.User.Identity?.IsAuthenticated == true</c>; null
    /// gives them to every response. Set it in code (<c>AddStaticPublish(o =&gt; o.SignedCookies.When = ...)</c>).
    /// </summary>
    public Func<Microsoft.AspNetCore.Http.HttpContext, bool>? When { get; set; }
}
