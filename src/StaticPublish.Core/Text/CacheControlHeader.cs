using System.Net.Http.Headers;

namespace StaticPublish.Core.Text;

/// <summary>
/// Compares Cache-Control values by their directives, with .NET's own <see cref="CacheControlHeaderValue"/>. .NET's
/// HttpClient re-serialises the header it receives (<c>public, max-age=300, must-revalidate</c> reads back as
/// <c>public, must-revalidate, max-age=300</c>), so an exact string comparison would report false mismatches.
/// </summary>
public static class CacheControlHeader
{
    /// <summary>Whether two Cache-Control values hold the same directives, in any order and case; text that does not parse compares as written.</summary>
    public static bool AreEquivalent(string? left, string? right)
    {
        if (string.IsNullOrWhiteSpace(left) || string.IsNullOrWhiteSpace(right))
        {
            return string.IsNullOrWhiteSpace(left) && string.IsNullOrWhiteSpace(right);
        }

        return CacheControlHeaderValue.TryParse(left, out var a) && CacheControlHeaderValue.TryParse(right, out var b)
            ? a.Equals(b)
            : string.Equals(left.Trim(), right.Trim(), StringComparison.Ordinal);
    }
}
