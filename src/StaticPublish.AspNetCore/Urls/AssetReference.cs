namespace StaticPublish.AspNetCore.Urls;

/// <summary>
/// A reference as a view writes it, split into the path the manifest is keyed on, the query (without its '?') and the
/// fragment (with its '#'): <c>~/css/a.css?v=2#top</c> is <c>~/css/a.css</c>, <c>v=2</c> and <c>#top</c>.
/// </summary>
internal readonly ref struct AssetReference
{
    private AssetReference(ReadOnlySpan<char> path, ReadOnlySpan<char> query, ReadOnlySpan<char> fragment)
    {
        Path = path;
        Query = query;
        Fragment = fragment;
    }

    public ReadOnlySpan<char> Path { get; }

    public ReadOnlySpan<char> Query { get; }

    public ReadOnlySpan<char> Fragment { get; }

    public static AssetReference Parse(ReadOnlySpan<char> reference)
    {
        var hash = reference.IndexOf('#');
        var fragment = hash < 0 ? [] : reference[hash..];
        var beforeFragment = hash < 0 ? reference : reference[..hash];
        var question = beforeFragment.IndexOf('?');
        return question < 0
            ? new AssetReference(beforeFragment, [], fragment)
            : new AssetReference(beforeFragment[..question], beforeFragment[(question + 1)..], fragment);
    }
}
