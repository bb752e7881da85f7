using Microsoft.Extensions.Logging;

namespace StaticPublish.AspNetCore.Logging;

/// <summary>StaticPublish's runtime log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "StaticPublish manifest '{Path}' loaded: release {Release}, {Count} assets, {Mode} URLs from {BaseUrl}")]
    public static partial void ManifestLoaded(ILogger logger, string path, string release, int count, Configuration.StaticAssetUrlMode mode, string baseUrl);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "StaticPublish manifest '{Path}' was not found; in Development assets are served from local paths. Publish with -p:StaticPublishEnabled=true to create it")]
    public static partial void ManifestMissingInDevelopment(ILogger logger, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "'{Path}' is not in the StaticPublish manifest; it is left as the local path")]
    public static partial void NotInManifest(ILogger logger, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "StaticPublish health check of '{Url}' failed: {Reason}")]
    public static partial void HealthCheckFailed(ILogger logger, string url, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "StaticPublish: {Referer} loaded '{Path}' from the app, though the manifest has it on the CDN ({CdnUrl}): the page rendered a local URL. Add '@addTagHelper *, StaticPublish.AspNetCore' to _ViewImports.cshtml (Pages/ or Views/) so <link> and <script> render CDN URLs (root-relative hrefs and the signed URL modes need it), or write the URL with @Assets[...]. Logged once")]
    public static partial void LocalAssetLoaded(ILogger logger, string path, string referer, string cdnUrl);
}
