namespace StaticPublish.Core.Storage;

/// <summary>How bucket names appear in request URLs (django-storages' <c>AWS_S3_ADDRESSING_STYLE</c>).</summary>
public enum S3AddressingStyle
{
    /// <summary>Path style with a custom endpoint (what S3-compatible stores expect), virtual-hosted on AWS.</summary>
    Auto = 0,

    /// <summary><c>https://endpoint/bucket/key</c>.</summary>
    Path,

    /// <summary><c>https://bucket.endpoint/key</c>.</summary>
    Virtual,
}
