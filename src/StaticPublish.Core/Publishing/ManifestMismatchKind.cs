namespace StaticPublish.Core.Publishing;

/// <summary>How an object in the bucket differs from its manifest entry.</summary>
public enum ManifestMismatchKind
{
    /// <summary>The object is not in the bucket.</summary>
    Missing,

    /// <summary>The stored size differs.</summary>
    Size,

    /// <summary>The Content-Type differs.</summary>
    ContentType,

    /// <summary>The Content-Encoding differs.</summary>
    ContentEncoding,

    /// <summary>The Cache-Control directives differ.</summary>
    CacheControl,

    /// <summary>The decoded bytes do not match the integrity hash (deep verification only).</summary>
    Integrity,
}
