using Microsoft.Extensions.Diagnostics.HealthChecks;
using StaticPublish.AspNetCore.Health;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the StaticPublish health check.</summary>
public static class StaticPublishHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that a known asset answers from the bucket (the storage core's health check) and from the CDN.
    /// Call <c>AddStaticPublish()</c> as well.
    /// </summary>
    public static IHealthChecksBuilder AddStaticPublishHealthCheck(this IHealthChecksBuilder builder, string name = "staticpublish", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpClient(StaticPublishHealthCheck.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        return builder.AddCheck<StaticPublishHealthCheck>(name, failureStatus, tags ?? []);
    }
}
