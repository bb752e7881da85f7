using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.AspNetCore.Urls;

namespace StaticPublish.AspNetCore.Health;

/// <summary>
/// Healthy when a known asset answers: the bucket (through the storage core's health check) when a bucket is
/// configured, and the CDN URL (an HTTP HEAD) in the public and signed URL modes.
/// </summary>
internal sealed class StaticPublishHealthCheck(
    IStaticAssetUrls urls,
    IOptions<StaticPublishRuntimeOptions> options,
    StaticPublishStorage storage,
    IHttpClientFactory httpClients,
    ILogger<StaticPublishHealthCheck> logger) : IHealthCheck
{
    public const string HttpClientName = "StaticPublish.HealthCheck";

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
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Head, url);
                using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
                data["cdn"] = $"{(int)response.StatusCode} from {probe.UnsignedUrl}";
                if (!response.IsSuccessStatusCode)
                {
                    Logging.Log.HealthCheckFailed(logger, probe.UnsignedUrl, $"HTTP {(int)response.StatusCode}");
                    return HealthCheckResult.Unhealthy($"The CDN answered HTTP {(int)response.StatusCode} for '{probe.UnsignedUrl}'.", data: data);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Logging.Log.HealthCheckFailed(logger, probe.UnsignedUrl, e.Message);
                return HealthCheckResult.Unhealthy($"The CDN did not answer for '{probe.UnsignedUrl}': {e.Message}", e, data);
            }
        }

        return HealthCheckResult.Healthy($"'{probe.LogicalPath}' of release {urls.Release} answers.", data);
    }
}
