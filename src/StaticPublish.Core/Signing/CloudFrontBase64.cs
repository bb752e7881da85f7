using System.Buffers;

namespace StaticPublish.Core.Signing;

/// <summary>
/// CloudFront's "URL-safe" Base64: standard Base64 with <c>+</c>→<c>-</c>, <c>=</c>→<c>_</c> and <c>/</c>→<c>~</c>.
/// It is not RFC 4648 base64url: padding stays (as <c>_</c>) and <c>/</c> becomes <c>~</c>, not <c>_</c>.
/// </summary>
internal static class CloudFrontBase64
{
    private const int StackLimit = 512;

    /// <summary>Encodes <paramref name="data"/> the way CloudFront expects in <c>Signature</c> and <c>Policy</c>.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var length = ((data.Length + 2) / 3) * 4;
        char[]? rented = null;
        var chars = length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            Convert.TryToBase64Chars(data, chars, out var written);
            chars = chars[..written];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = chars[i] switch
                {
                    '+' => '-',
                    '=' => '_',
                    '/' => '~',
                    var c => c,
                };
            }

            return new string(chars);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Reverses <see cref="Encode"/>.</summary>
    /// <exception cref="FormatException">The text is not CloudFront Base64.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var standard = string.Create(text.Length, text, static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = source[i] switch
                {
                    '-' => '+',
                    '_' => '=',
                    '~' => '/',
                    // The standard alphabet's own symbols cannot appear in CloudFront Base64.
                    '+' or '=' or '/' => throw new FormatException("The text is standard Base64, not CloudFront Base64."),
                    var c => c,
                };
            }
        });
        return Convert.FromBase64String(standard);
    }
}
