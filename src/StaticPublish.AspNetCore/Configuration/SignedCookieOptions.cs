namespace StaticPublish.AspNetCore.Configuration;

/// <summary>
/// CloudFront signed cookies (section <c>StaticPublish:SignedCookies</c>): pages use plain URLs and the browser
/// presents cookies for a wildcard custom policy. The CDN must share a parent domain with the app.
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
}
