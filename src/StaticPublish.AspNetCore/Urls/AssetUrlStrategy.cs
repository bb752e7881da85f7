using StaticPublish.AspNetCore.Configuration;
using StaticPublish.Core.Signing;
using StaticPublish.Core.Storage;

namespace StaticPublish.AspNetCore.Urls;

/// <summary>
/// Turns an asset into its URL for the configured mode. Unsigned modes return the precomputed string; signed modes
/// return a URL cached per (asset, window). A reference's own query string is signed with the URL, so it stays valid.
/// </summary>
internal abstract class AssetUrlStrategy
{
    public abstract string Get(StaticAsset asset);

    /// <summary>The URL with the reference's query (without the leading '?').</summary>
    public abstract string Get(StaticAsset asset, string query);

    public static AssetUrlStrategy Unsigned { get; } = new UnsignedStrategy();

    public static AssetUrlStrategy Signed(TimeProvider time, StaticPublishRuntimeOptions options, Func<string, DateTimeOffset, string> sign) =>
        new SignedStrategy(time, options, sign);

    private sealed class UnsignedStrategy : AssetUrlStrategy
    {
        public override string Get(StaticAsset asset) => asset.UnsignedUrl;

        public override string Get(StaticAsset asset, string query) => asset.UnsignedUrl + "?" + query;
    }

    private sealed class SignedStrategy : AssetUrlStrategy
    {
        private readonly WindowedUrlCache _cache;
        private readonly Func<string, DateTimeOffset, string> _sign;
        private readonly TimeProvider _time;
        private readonly TimeSpan _window;

        public SignedStrategy(TimeProvider time, StaticPublishRuntimeOptions options, Func<string, DateTimeOffset, string> sign)
        {
            _sign = sign;
            _time = time;
            _window = options.SignedUrlWindow;
            _cache = new WindowedUrlCache(time, options.SignedUrlWindow, options.SignedUrlLifetime, (asset, expires) => sign(asset.UnsignedUrl, expires));
        }

        public override string Get(StaticAsset asset) => _cache.Get(asset);

        public override string Get(StaticAsset asset, string query) =>
            _sign(asset.UnsignedUrl + "?" + query, _cache.ExpiresFor(_time.GetUtcNow().UtcTicks / _window.Ticks));
    }

    /// <summary>Signs CloudFront URLs with a canned or custom policy.</summary>
    public static Func<string, DateTimeOffset, string> CloudFront(CloudFrontSigner signer, CloudFrontSigningOptions options) => options.Policy switch
    {
        CloudFrontPolicyKind.Custom => (url, expires) =>
            signer.SignCustom(url, new CloudFrontPolicy(options.Resource ?? url, expires, options.NotBefore, options.IpAddress)),
        _ => (url, expires) => signer.SignCanned(url, expires),
    };

    /// <summary>Presigns S3 GETs through the storage core; the URL's key is the manifest key.</summary>
    public static Func<string, DateTimeOffset, string> S3Presigned(S3Storage storage, TimeProvider time, Func<string, string> keyOf) =>
        (url, expires) => storage.Url(keyOf(url), expires - time.GetUtcNow());
}
