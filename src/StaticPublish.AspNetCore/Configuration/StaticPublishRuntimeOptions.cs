using StaticPublish.Core.Storage;

namespace StaticPublish.AspNetCore.Configuration;

/// <summary>
/// Runtime settings, bound from the <c>StaticPublish</c> configuration section and validated at startup.
/// </summary>
public sealed class StaticPublishRuntimeOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "StaticPublish";

    /// <summary>The manifest, absolute or relative to the content root.</summary>
    public string ManifestPath { get; set; } = "staticpublish.manifest.json";

    /// <summary>Overrides the manifest's <c>baseUrl</c> (e.g. a CDN in front of the bucket).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>How URLs are built.</summary>
    public StaticAssetUrlMode UrlMode { get; set; } = StaticAssetUrlMode.Public;

    /// <summary>The bucket (and endpoint) for the S3 URL modes and the bucket health check. <c>Location</c> is not used: manifest keys carry the prefix.</summary>
    public S3StorageOptions? Storage { get; set; }

    /// <summary>CloudFront signing, for <see cref="StaticAssetUrlMode.CloudFrontSigned"/> and signed cookies.</summary>
    public CloudFrontSigningOptions CloudFront { get; set; } = new();

    /// <summary>How long a signed URL stays valid at least.</summary>
    public TimeSpan SignedUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Signed URLs expire on window boundaries, so the same URL is returned for a whole window and browser and
    /// page caches keep working. Each URL is valid for at least <see cref="SignedUrlLifetime"/>.
    /// </summary>
    public TimeSpan SignedUrlWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Signed cookies.</summary>
    public SignedCookieOptions SignedCookies { get; set; } = new();

    /// <summary>Add <c>integrity</c> and <c>crossorigin</c> to scripts and stylesheets from the manifest.</summary>
    public bool Integrity { get; set; } = true;

    /// <summary>The <c>crossorigin</c> value written with <c>integrity</c>.</summary>
    public string CrossOrigin { get; set; } = "anonymous";

    /// <summary>The asset the health check fetches; defaults to the first asset in the manifest.</summary>
    public string? HealthCheckAsset { get; set; }
}
