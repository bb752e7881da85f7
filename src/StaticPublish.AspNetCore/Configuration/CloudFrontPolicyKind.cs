namespace StaticPublish.AspNetCore.Configuration;

/// <summary>Which CloudFront policy signed URLs and cookies use.</summary>
public enum CloudFrontPolicyKind
{
    /// <summary>A canned policy: one URL, an expiry.</summary>
    Canned = 0,

    /// <summary>A custom policy: optionally a wildcard resource, a source IP range and a not-before time.</summary>
    Custom,
}
