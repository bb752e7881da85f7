namespace StaticPublish.Core.Tests.Signing;

/// <summary>Takes signed URLs and cookie values apart without using the code under test.</summary>
internal static class SignedUrl
{
    /// <summary>
    /// Checks that <paramref name="signedUrl"/> is <paramref name="url"/> plus a separator, and returns the appended
    /// parameters in order.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> AppendedParameters(string signedUrl, string url)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var prefix = url + separator;
        Assert.IsTrue(
            signedUrl.StartsWith(prefix, StringComparison.Ordinal),
            $"Expected '{signedUrl}' to start with '{prefix}'.");
        return
        [
            .. signedUrl[prefix.Length..].Split('&').Select(static pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                Assert.IsGreaterThan(0, equals, $"Parameter '{pair}' has no value.");
                return new KeyValuePair<string, string>(pair[..equals], pair[(equals + 1)..]);
            }),
        ];
    }

    /// <summary>The names in order, space-separated, so a mismatch shows the whole sequence.</summary>
    public static string Names(IEnumerable<KeyValuePair<string, string>> pairs) => string.Join(' ', pairs.Select(p => p.Key));

    public static string Value(IReadOnlyList<KeyValuePair<string, string>> parameters, string name) =>
        parameters.Single(p => p.Key == name).Value;

    /// <summary>Reverses CloudFront's Base64 (<c>-</c>→<c>+</c>, <c>_</c>→<c>=</c>, <c>~</c>→<c>/</c>).</summary>
    public static byte[] FromCloudFrontBase64(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '=').Replace('~', '/'));

    /// <summary>Standard Base64 mapped to CloudFront's alphabet, the way the AWS docs' <c>tr '+=/' '-_~'</c> does.</summary>
    public static string ToCloudFrontBase64(byte[] data) =>
        Convert.ToBase64String(data).Replace('+', '-').Replace('=', '_').Replace('/', '~');
}
