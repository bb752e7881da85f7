namespace StaticPublish.Core.Storage;

/// <summary>
/// The order S3 lists keys in: by their UTF-8 bytes, which is Unicode code point order. Ordinal string comparison
/// differs only where a surrogate (a code point above U+FFFF) meets U+E000–U+FFFF; this comparer moves those apart.
/// </summary>
internal sealed class KeyOrder : IComparer<string>
{
    public static readonly KeyOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
            {
                return CodePointRank(x[i]) - CodePointRank(y[i]);
            }
        }

        return x.Length - y.Length;
    }

    /// <summary>Surrogates rank above U+E000–U+FFFF, as the code points they encode do.</summary>
    private static int CodePointRank(char c) => c >= '\uE000' ? c - 0x800 : char.IsSurrogate(c) ? c + 0x2000 : c;
}
