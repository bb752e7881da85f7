namespace StaticPublish.Core.Text;

/// <summary>
/// Compares Cache-Control values by their directives. .NET's HttpClient re-serialises the header it receives
/// (<c>public, max-age=300, must-revalidate</c> reads back as <c>public, must-revalidate, max-age=300</c>), so an
/// exact string comparison of what the SDK returns would report false mismatches.
/// </summary>
public static class CacheControlHeader
{
    /// <summary>Whether two Cache-Control values hold the same directives, in any order and case.</summary>
    public static bool AreEquivalent(string? left, string? right) =>
        Normalize(left).SequenceEqual(Normalize(right), StringComparer.Ordinal);

    /// <summary>The directives, trimmed, lower-cased (names only) and sorted.</summary>
    public static IReadOnlyList<string> Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => d.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0
                    ? d[..eq].Trim().ToLowerInvariant() + "=" + d[(eq + 1)..].Trim()
                    : d.ToLowerInvariant())
                .Order(StringComparer.Ordinal)];
}
