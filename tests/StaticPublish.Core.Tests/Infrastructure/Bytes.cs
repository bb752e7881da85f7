using System.Security.Cryptography;
using System.Text;

namespace StaticPublish.Core.Tests.Infrastructure;

internal static class Bytes
{
    public static byte[] Random(int length, int seed = 42)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Compressible text, so gzip has something to do.</summary>
    public static byte[] Css(int rules = 200)
    {
        var text = new StringBuilder();
        for (var i = 0; i < rules; i++)
        {
            text.Append(".rule-").Append(i).Append(" { color: #123456; margin: 0 auto; padding: 4px 8px; }\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string Sha256(byte[] data) => Convert.ToHexString(SHA256.HashData(data));

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
