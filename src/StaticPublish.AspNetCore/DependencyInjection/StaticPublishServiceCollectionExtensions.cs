using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaticPublish.AspNetCore;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.AspNetCore.Urls;
using StaticPublish.Core.Signing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers StaticPublish's runtime: manifest-based CDN URLs for Razor views and code.</summary>
public static class StaticPublishServiceCollectionExtensions
{
    /// <summary>
    /// Binds the <c>StaticPublish</c> configuration section, validates it at startup, loads
    /// <c>staticpublish.manifest.json</c> once, and makes every <c>~/</c> URL in views resolve to its CDN URL.
    /// </summary>
    public static IServiceCollection AddStaticPublish(this IServiceCollection services, Action<StaticPublishRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<StaticPublishRuntimeOptions>()
            .BindConfiguration(StaticPublishRuntimeOptions.SectionName)
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StaticPublishRuntimeOptions>, StaticPublishRuntimeOptionsValidator>());
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StaticPublishStorage>();
        services.TryAddSingleton(sp => CreateSigner(sp.GetRequiredService<IOptions<StaticPublishRuntimeOptions>>().Value));
        services.TryAddSingleton(CreateUrls);
        services.TryAddSingleton<IStaticAssetUrls>(sp => sp.GetRequiredService<StaticAssetUrls>());

        // Decorate the framework's URL helper factory: Razor resolves every ~/ attribute through it.
        services.Replace(ServiceDescriptor.Singleton<IUrlHelperFactory>(sp =>
            new StaticPublishUrlHelperFactory(new UrlHelperFactory(), sp.GetRequiredService<StaticAssetUrls>())));
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, StaticPublishStartupFilter>());
        return services;
    }

    private static StaticAssetUrls CreateUrls(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StaticPublishRuntimeOptions>>().Value;
        var storage = services.GetRequiredService<StaticPublishStorage>().Instance;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<StaticAssetUrls>>();
        var catalog = StaticAssetCatalogLoader.Load(options, services.GetRequiredService<IHostEnvironment>(), storage, logger);
        var strategy = options.UrlMode switch
        {
            StaticAssetUrlMode.CloudFrontSigned => AssetUrlStrategy.Signed(time, options,
                AssetUrlStrategy.CloudFront(services.GetRequiredService<CloudFrontSigner>(), options.CloudFront)),
            StaticAssetUrlMode.S3Presigned => AssetUrlStrategy.Signed(time, options,
                AssetUrlStrategy.S3Presigned(storage!, time, KeyByUnsignedUrl(catalog))),
            _ => AssetUrlStrategy.Unsigned,
        };
        return new StaticAssetUrls(catalog, strategy, logger, services.GetService<IHttpContextAccessor>());
    }

    /// <summary>Presigning needs the object key back from a public URL (with any query the reference carried).</summary>
    private static Func<string, string> KeyByUnsignedUrl(StaticAssetCatalog catalog)
    {
        var keys = catalog.Assets.ToDictionary(a => a.UnsignedUrl, a => a.Entry.Key, StringComparer.Ordinal);
        return url => keys[url.Split('?')[0]];
    }

    private static CloudFrontSigner CreateSigner(StaticPublishRuntimeOptions options)
    {
        var cloudFront = options.CloudFront;
        return string.IsNullOrWhiteSpace(cloudFront.PrivateKey) && !string.IsNullOrWhiteSpace(cloudFront.PrivateKeyFile)
            ? CloudFrontSigner.FromPemFile(cloudFront.KeyPairId!, cloudFront.PrivateKeyFile, cloudFront.HashAlgorithm)
            : new CloudFrontSigner(cloudFront.KeyPairId!, cloudFront.PrivateKey!, cloudFront.HashAlgorithm, "StaticPublish:CloudFront:PrivateKey");
    }
}
