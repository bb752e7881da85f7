using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaticPublish.AspNetCore;
using StaticPublish.AspNetCore.Components;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.AspNetCore.Diagnostics;
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
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<StaticPublishRuntimeOptions>>().Value.CloudFront.CreateSigner());
        services.TryAddSingleton(LoadCatalog);
        services.TryAddSingleton(CreateStrategy);
        services.TryAddSingleton<StaticAssetUrls>();
        services.TryAddSingleton<IStaticAssetUrls>(sp => sp.GetRequiredService<StaticAssetUrls>());

        // Endpoints built by WithStaticAssets() (which MapRazorComponents calls itself) get the manifest's URLs.
        services.TryAddSingleton<LocalAssetWatch>();
        services.TryAddSingleton<ResourceAssetSwap>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ResourceAssetEndpointPolicy>());

        // Decorate the framework's URL helper factory: Razor resolves every ~/ attribute through it.
        services.Replace(ServiceDescriptor.Singleton<IUrlHelperFactory>(sp =>
            new StaticPublishUrlHelperFactory(new UrlHelperFactory(), sp.GetRequiredService<IStaticAssetUrls>())));
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, StaticPublishStartupFilter>());
        return services;
    }

    private static StaticAssetCatalog LoadCatalog(IServiceProvider services) => StaticAssetCatalogLoader.Load(
        services.GetRequiredService<IOptions<StaticPublishRuntimeOptions>>().Value,
        services.GetRequiredService<IHostEnvironment>(),
        services.GetRequiredService<StaticPublishStorage>().Instance,
        services.GetRequiredService<ILogger<StaticAssetUrls>>());

    private static AssetUrlStrategy CreateStrategy(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StaticPublishRuntimeOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        return options.UrlMode switch
        {
            StaticAssetUrlMode.CloudFrontSigned => AssetUrlStrategy.Signed(time, options,
                AssetUrlStrategy.CloudFront(services.GetRequiredService<CloudFrontSigner>(), options.CloudFront)),
            StaticAssetUrlMode.S3Presigned => AssetUrlStrategy.Signed(time, options,
                AssetUrlStrategy.S3Presigned(services.GetRequiredService<StaticPublishStorage>().Instance!, time)),
            _ => AssetUrlStrategy.Unsigned,
        };
    }
}
