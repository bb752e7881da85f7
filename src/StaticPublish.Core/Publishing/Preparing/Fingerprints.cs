using System.Numerics;

namespace StaticPublish.Core.Publishing.Preparing;

/// <summary>
/// Content fingerprints in file names, exactly as the .NET SDK computes them (its StaticWebAsset.ToBase36): the first
/// 9 bytes of SHA-256 read as a signed little-endian integer, its absolute value written as 10 base-36 digits, least
/// significant first. An asset whose bytes StaticPublish leaves alone so gets the SDK's own name for it.
/// </summary>
internal static class Fingerprints
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    // Compound extensions the SDK keeps together, so 'site.styles.css' becomes 'site.{fp}.styles.css'.
    private static readonly string[] CompoundExtensions = [".bundle.scp.css", ".styles.css", ".lib.module.js", ".modules.json"];

    public static string FromSha256(ReadOnlySpan<byte> sha256)
    {
        var value = BigInteger.Abs(new BigInteger(sha256[..9], isUnsigned: false, isBigEndian: false));
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            value = BigInteger.DivRem(value, 36, out var digit);
            chars[i] = Alphabet[(int)digit];
        }

        return new string(chars);
    }

    /// <summary>Inserts the fingerprint before the extension: <c>css/site.css</c> → <c>css/site.{fp}.css</c>.</summary>
    public static string Apply(string path, string fingerprint)
    {
        var slash = path.LastIndexOf('/');
        var name = path[(slash + 1)..];
        var extension = CompoundExtensions.FirstOrDefault(e => name.Length > e.Length && name.EndsWith(e, StringComparison.OrdinalIgnoreCase))
            ?? (name.LastIndexOf('.') is var dot and > 0 ? name[dot..] : "");
        return path[..(slash + 1)] + name[..^extension.Length] + "." + fingerprint + extension;
    }
}
