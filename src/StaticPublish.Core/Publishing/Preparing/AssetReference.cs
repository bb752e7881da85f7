namespace StaticPublish.Core.Publishing.Preparing;

/// <summary>A relative reference inside a CSS or JS file: where it is, what it says, and what kind it is.</summary>
/// <param name="Start">The index of the reference text.</param>
/// <param name="Length">Its length.</param>
/// <param name="Url">The reference as written, e.g. <c>../fonts/a.woff2?v=2#iefix</c>.</param>
/// <param name="Kind">Whether a page needs it (<c>url()</c>, <c>@import</c>) or only developer tools do (a source map).</param>
internal sealed record AssetReference(int Start, int Length, string Url, AssetReferenceKind Kind)
{
    /// <summary>The path part: no query and no fragment.</summary>
    public string PathPart => Url[..SuffixStart];

    /// <summary>The query and fragment, kept as written when the reference is rewritten.</summary>
    public string Suffix => Url[SuffixStart..];

    private int SuffixStart => Url.IndexOfAny(['?', '#']) is var i and >= 0 ? i : Url.Length;
}
