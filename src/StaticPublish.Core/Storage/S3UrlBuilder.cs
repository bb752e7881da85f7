using System.Buffers;
namespace StaticPublish.Core.Storage;

/// <summary>Builds unsigned object URLs: on a custom domain, or the plain S3 URL for the addressing style.</summary>
internal sealed class S3UrlBuilder(S3StorageOptions options)
{
    /// <summary>Whether plain S3 URLs use http (an http endpoint, or UseSsl off on AWS).</summary>
    public bool UsesHttp => string.IsNullOrEmpty(options.EndpointUrl)
        ? !options.UseSsl
        : options.EndpointUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    public string CustomDomainUrl(string key) =>
        $"{options.UrlProtocol}://{options.CustomDomain!.TrimEnd('/')}/{EncodeKey(key)}";

    public string PublicUrl(string key)
    {
        var bucket = options.BucketName;
        if (!string.IsNullOrEmpty(options.EndpointUrl))
        {
            var endpoint = new Uri(options.EndpointUrl);
            var basePath = endpoint.AbsolutePath.TrimEnd('/');
            var authority = endpoint.GetLeftPart(UriPartial.Authority);
            return options.UsesPathStyle
                ? $"{authority}{basePath}/{bucket}/{EncodeKey(key)}"
                : $"{endpoint.Scheme}://{bucket}.{endpoint.Authority}{basePath}/{EncodeKey(key)}";
        }

        var scheme = options.UseSsl ? "https" : "http";
        var region = options.Region ?? S3ClientFactory.DefaultRegion;
        return options.UsesPathStyle
            ? $"{scheme}://s3.{region}.amazonaws.com/{bucket}/{EncodeKey(key)}"
            : $"{scheme}://{bucket}.s3.{region}.amazonaws.com/{EncodeKey(key)}";
    }

    /// <summary>Percent-encodes each path segment of a key (RFC 3986 unreserved characters stay as they are).</summary>
    public static string EncodeKey(string key) =>
        key.AsSpan().ContainsAnyExcept(UnescapedKeyCharacters) ? string.Join('/', key.Split('/').Select(Uri.EscapeDataString)) : key;

    /// <summary>What <see cref="Uri.EscapeDataString(string)"/> leaves as it is (RFC 3986's unreserved characters), and the '/' between segments.</summary>
    private static readonly SearchValues<char> UnescapedKeyCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/");
}
