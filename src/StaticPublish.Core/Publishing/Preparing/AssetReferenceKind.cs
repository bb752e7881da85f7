namespace StaticPublish.Core.Publishing.Preparing;

/// <summary>What a reference is for.</summary>
internal enum AssetReferenceKind
{
    /// <summary>A CSS <c>url()</c>: an image, a font, a cursor.</summary>
    Url,

    /// <summary>A CSS <c>@import</c>.</summary>
    Import,

    /// <summary>A <c>sourceMappingURL</c> comment, which only developer tools follow.</summary>
    SourceMap,
}
