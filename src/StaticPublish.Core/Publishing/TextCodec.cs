using System.Text;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// Reads CSS and JS as text so that writing the text back gives the same bytes, apart from the references rewritten:
/// UTF-8 (a byte order mark is kept), UTF-16 with a byte order mark, and anything else (windows-1252, Shift_JIS, ...)
/// as Latin-1, which maps every byte to one character and back. The URLs written in are ASCII, so no byte the file
/// had is ever re-encoded lossily.
/// </summary>
internal sealed record TextCodec(Encoding Encoding, byte[] Preamble)
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (string Text, TextCodec Codec) Read(string path) => Decode(File.ReadAllBytes(path));

    public static (string Text, TextCodec Codec) Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> data = bytes;
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) && data.Length % 2 == 0)
        {
            return Strict(bytes, 2, new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true));
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) && data.Length % 2 == 0)
        {
            return Strict(bytes, 2, new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true));
        }

        var bom = data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        return Strict(bytes, bom, StrictUtf8);
    }

    public byte[] Encode(string text)
    {
        var body = Encoding.GetBytes(text);
        return Preamble.Length == 0 ? body : [.. Preamble, .. body];
    }

    private static (string, TextCodec) Strict(byte[] bytes, int preamble, Encoding encoding)
    {
        try
        {
            return (encoding.GetString(bytes, preamble, bytes.Length - preamble), new TextCodec(encoding, bytes[..preamble]));
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.Latin1.GetString(bytes, preamble, bytes.Length - preamble), new TextCodec(Encoding.Latin1, bytes[..preamble]));
        }
    }
}
