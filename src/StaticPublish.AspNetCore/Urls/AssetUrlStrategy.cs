using StaticPublish.AspNetCore.Configuration;
using StaticPublish.Core.Signing;
using StaticPublish.Core.Storage;

namespace StaticPublish.AspNetCore.Urls;

/// <summary>Signs one asset's URL (with the reference's own query, or null) to expire at the given time.</summary>
internal delegate string AssetSigner(StaticAsset asset, string? query, DateTimeOffset expires);

/// <summary>
/// Turns an asset into its URL for the configured mode. Unsigned modes return the precomputed string; signed modes
/// return a URL cached per (asset, window). Strategies sign the asset itself: they have its key and its unsigned URL.
/// </summary>
internal abstract class AssetUrlStrategy
{
    public static AssetUrlStrategy Unsigned { get; } = new UnsignedStrategy();

    /// <summary>
    /// Changes whenever the URLs <see cref="Get(StaticAsset)"/> returns change: never for unsigned URLs, once per
    /// signing window for signed ones. Whatever caches URLs keys on it.
    /// </summary>
    public virtual long Generation => 0;

    public abstract string Get(StaticAsset asset);

    /// <summary>The URL with the reference's query (without the leading '?').</summary>
    public abstract string Get(StaticAsset asset, string query);

    public static AssetUrlStrategy Signed(TimeProvider time, StaticPublishRuntimeOptions options, AssetSigner sign) =>
        new SignedStrategy(time, options, sign);

    /// <summary>
    /// CloudFront-signed URLs with a canned or custom policy. A reference's query is signed with the URL, so it stays
    /// valid.
    /// </summary>
    public static AssetSigner CloudFront(CloudFrontSigner signer, CloudFrontSigningOptions options) => options.Policy switch
    {
        CloudFrontPolicyKind.Custom => (asset, query, expires) =>
        {
            var url = WithQuery(asset.UnsignedUrl, query);
            return signer.SignCustom(url, new CloudFrontPolicy(options.Resource ?? url, expires, options.NotBefore, options.IpAddress));
        },
        _ => (asset, query, expires) => signer.SignCanned(WithQuery(asset.UnsignedUrl, query), expires),
    };

    /// <summary>
    /// S3 presigned GETs of the manifest key through the storage core. A presigned URL signs its whole query, so a
    /// reference's own query is not kept.
    /// </summary>
    public static AssetSigner S3Presigned(S3Storage storage, TimeProvider time) =>
        (asset, _, expires) => storage.Url(asset.Entry.Key, expires - time.GetUtcNow());

    private static string WithQuery(string url, string? query) => query is null ? url : url + "?" + query;

    private sealed class UnsignedStrategy : AssetUrlStrategy
    {
        public override string Get(StaticAsset asset) => asset.UnsignedUrl;

        public override string Get(StaticAsset asset, string query) => asset.UnsignedUrl + "?" + query;
    }

    private sealed class SignedStrategy(TimeProvider time, StaticPublishRuntimeOptions options, AssetSigner sign) : AssetUrlStrategy
    {
        private readonly WindowedUrlCache _cache = new((asset, expires) => sign(asset, null, expires));

        public override long Generation => CurrentWindow().Index;

        public override string Get(StaticAsset asset) => _cache.Get(asset, CurrentWindow());

        public override string Get(StaticAsset asset, string query) => sign(asset, query, CurrentWindow().Expires);

        private SigningWindow CurrentWindow() => SigningWindow.At(time.GetUtcNow(), options.SignedUrlWindow, options.SignedUrlLifetime);
    }
}
