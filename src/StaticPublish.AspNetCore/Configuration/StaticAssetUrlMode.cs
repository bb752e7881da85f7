namespace StaticPublish.AspNetCore.Configuration;

/// <summary>How asset URLs are built from the manifest.</summary>
public enum StaticAssetUrlMode
{
    /// <summary>The manifest's (or the configured) base URL: a CDN, CloudFront or a custom domain. Precomputed.</summary>
    Public = 0,

    /// <summary>The bucket's plain public S3 URL (the bucket or prefix must be public). Precomputed.</summary>
    S3Public,

    /// <summary>S3 presigned URLs through the storage core, stable within a window.</summary>
    S3Presigned,

    /// <summary>CloudFront signed URLs (canned or custom policy), stable within a window.</summary>
    CloudFrontSigned,
}
