using System.Buffers.Binary;

namespace StaticPublish.Core.Publishing;

/// <summary>Content fingerprints in file names: 10 base-36 characters of SHA-256, as the .NET SDK writes them.</summary>
internal static class Fingerprints
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    // Compound extensions the SDK keeps together, so 'site.styles.css' becomes 'site.{fp}.styles.css'.
    private static readonly string[] CompoundExtensions = [".bundle.scp.css", ".styles.css", ".lib.module.js", ".modules.json"];

    public static string FromSha256(ReadOnlySpan<byte> sha256)
    {
        var value = BinaryPrimitives.ReadUInt64BigEndian(sha256);
        Span<char> chars = stackalloc char[10];
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value % 36)];
            value /= 36;
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
