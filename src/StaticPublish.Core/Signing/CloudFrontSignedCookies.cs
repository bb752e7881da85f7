namespace StaticPublish.Core.Signing;

/// <summary>
/// The cookies that carry a CloudFront signature, in the order CloudFront documents them. Send each pair as its own
/// <c>Set-Cookie</c> header, scoped to the distribution's domain; AWS recommends leaving out <c>Expires</c> and
/// <c>Max-Age</c>, since the policy already carries the expiry.
/// </summary>
public sealed class CloudFrontSignedCookies
{
    /// <summary>The cookie holding the expiry of a canned policy.</summary>
    public const string ExpiresName = "CloudFront-Expires";

    /// <summary>The cookie holding a custom policy.</summary>
    public const string PolicyName = "CloudFront-Policy";

    /// <summary>The cookie holding the signature.</summary>
    public const string SignatureName = "CloudFront-Signature";

    /// <summary>The cookie holding the key pair (public key) id.</summary>
    public const string KeyPairIdName = "CloudFront-Key-Pair-Id";

    /// <summary>The cookie naming the hash, present only when it is not SHA-1.</summary>
    public const string HashAlgorithmName = "CloudFront-Hash-Algorithm";

    internal CloudFrontSignedCookies(KeyValuePair<string, string>[] cookies)
    {
        Cookies = Array.AsReadOnly(cookies);
    }

    /// <summary>The cookie names and values, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Cookies { get; }

    /// <summary><see langword="true"/> for a canned policy (<c>CloudFront-Expires</c>), <see langword="false"/> for a custom one (<c>CloudFront-Policy</c>).</summary>
    public bool IsCanned => Expires is not null;

    /// <summary>The <c>CloudFront-Expires</c> value (Unix seconds) for a canned policy, otherwise <see langword="null"/>.</summary>
    public string? Expires => Find(ExpiresName);

    /// <summary>The <c>CloudFront-Policy</c> value for a custom policy, otherwise <see langword="null"/>.</summary>
    public string? Policy => Find(PolicyName);

    /// <summary>The <c>CloudFront-Signature</c> value.</summary>
    public string Signature => Find(SignatureName)!;

    /// <summary>The <c>CloudFront-Key-Pair-Id</c> value.</summary>
    public string KeyPairId => Find(KeyPairIdName)!;

    /// <summary>The <c>CloudFront-Hash-Algorithm</c> value (<c>SHA256</c>), or <see langword="null"/> for SHA-1.</summary>
    public string? HashAlgorithm => Find(HashAlgorithmName);

    private string? Find(string name)
    {
        foreach (var (key, value) in Cookies)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }
}
