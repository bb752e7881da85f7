using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.AspNetCore.Urls;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.AspNetCore.Health;

/// <summary>
/// Healthy when a known asset answers: the bucket (through the storage core's health check) when a bucket is
/// configured, and the CDN URL in the public and signed URL modes, asked for from the app's own origin. Degraded when
/// the CDN serves the asset but without the CORS answer that the pages' <c>crossorigin</c> attributes need.
/// </summary>
internal sealed class StaticPublishHealthCheck(
    IStaticAssetUrls urls,
    IOptions<StaticPublishRuntimeOptions> options,
    StaticPublishStorage storage,
    IHttpClientFactory httpClients,
    IHttpContextAccessor http,
    IServer server,
    ILogger<StaticPublishHealthCheck> logger) : IHealthCheck
{
    public const string HttpClientName = "StaticPublish.HealthCheck";

    /// <summary>The origin the app's pages load from: the request being served (the health endpoint's), else the server's first address.</summary>
    private string? AppOrigin()
    {
        if (http.HttpContext?.Request is { Host.HasValue: true } request)
        {
            return $"{request.Scheme}://{request.Host}";
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is not null && Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!urls.IsEnabled)
        {
            return HealthCheckResult.Degraded("No StaticPublish manifest is loaded (Development fallback): assets are served locally.");
        }

        var probe = options.Value.HealthCheckAsset is { } configured && urls.TryGetAsset(configured, out var chosen)
            ? chosen
            : urls.Assets.OrderBy(a => a.LogicalPath, StringComparer.Ordinal).FirstOrDefault();
        if (probe is null)
        {
            return HealthCheckResult.Degraded("The StaticPublish manifest has no assets.");
        }

        var data = new Dictionary<string, object> { ["asset"] = probe.LogicalPath, ["release"] = urls.Release ?? "" };
        if (storage.Instance is { } s3)
        {
            var status = await s3.CheckHealthAsync(probe.Entry.Key, cancellationToken).ConfigureAwait(false);
            data["bucket"] = status.Reason;
            if (!status)
            {
                return HealthCheckResult.Unhealthy($"The bucket does not answer for '{probe.LogicalPath}': {status.Reason}", data: data);
            }
        }

        if (options.Value.UrlMode is StaticAssetUrlMode.Public or StaticAssetUrlMode.CloudFrontSigned && urls.TryGet(probe.LogicalPath, out var url))
        {
            // A GET as the app's pages make it: from the app's origin, which the CDN must allow when pages ask for CORS.
            var origin = AppOrigin() ?? CorsProbe.ProbeOrigin;
            var cdn = await CorsProbe.CheckAsync(httpClients.CreateClient(HttpClientName), url, origin, cancellationToken).ConfigureAwait(false);
            data["cdn"] = cdn.ToString();
            if (cdn.Status is not (>= 200 and < 300))
            {
                Logging.Log.HealthCheckFailed(logger, probe.UnsignedUrl, cdn.ToString());
                return HealthCheckResult.Unhealthy($"The CDN does not serve '{probe.UnsignedUrl}': {cdn}.", data: data);
            }

            var crossOrigin = options.Value.Integrity && !string.IsNullOrEmpty(options.Value.CrossOrigin);
            if (crossOrigin && !cdn.Allowed)
            {
                Logging.Log.HealthCheckFailed(logger, probe.UnsignedUrl, cdn.ToString());
                return HealthCheckResult.Degraded(
                    $"{ErrorCodes.CorsCheckFailed}: browsers will block the assets' CSS, JS and fonts, because {cdn}. Fix: {CorsProbe.Fix}.", data: data);
            }
        }

        return HealthCheckResult.Healthy($"'{probe.LogicalPath}' of release {urls.Release} answers.", data);
    }
}
