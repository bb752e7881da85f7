using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Storage;

namespace StaticPublish.AspNetCore.Urls;

/// <summary>Loads the manifest once at startup: a missing or unreadable manifest is a startup error outside Development.</summary>
internal static class StaticAssetCatalogLoader
{
    public static StaticAssetCatalog Load(StaticPublishRuntimeOptions options, IHostEnvironment environment, S3Storage? storage, ILogger logger)
    {
        var path = Path.IsPathRooted(options.ManifestPath) ? options.ManifestPath : Path.Combine(environment.ContentRootPath, options.ManifestPath);
        if (!File.Exists(path))
        {
            if (environment.IsDevelopment())
            {
                Logging.Log.ManifestMissingInDevelopment(logger, path);
                return new StaticAssetCatalog(null, "", null);
            }

            throw new StaticPublishException(ErrorCodes.ManifestUnreadable,
                $"The StaticPublish manifest '{options.ManifestPath}' was not found in '{environment.ContentRootPath}'. Publish with -p:StaticPublishEnabled=true so it is written into the publish output, or set StaticPublish:ManifestPath.");
        }

        var manifest = AssetManifestReader.Read(path);
        var baseUrl = options.BaseUrl ?? manifest.BaseUrl;
        if (!baseUrl.EndsWith('/'))
        {
            baseUrl += "/";
        }

        Func<AssetManifestEntry, string>? unsigned = options.UrlMode is StaticAssetUrlMode.S3Public or StaticAssetUrlMode.S3Presigned
            ? entry => storage!.PublicUrl(entry.Key)
            : null;
        var catalog = new StaticAssetCatalog(manifest, baseUrl, unsigned);
        Logging.Log.ManifestLoaded(logger, path, manifest.Release, catalog.Count, options.UrlMode, baseUrl);
        return catalog;
    }
}
