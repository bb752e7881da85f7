namespace StaticPublish.Core.Storage;

/// <summary>The result of <see cref="S3Storage.CheckHealthAsync"/>. Converts to <see langword="bool"/>.</summary>
/// <param name="IsHealthy">Whether the bucket (and the probe object, if one was given) answered.</param>
/// <param name="Reason">Why, in one line: what was checked, or the <c>SPUB</c> code and message of what failed.</param>
/// <param name="Elapsed">How long the check took.</param>
/// <param name="ErrorCode">The <c>SPUB</c> code when unhealthy for a known reason.</param>
public sealed record S3HealthStatus(bool IsHealthy, string Reason, TimeSpan Elapsed, string? ErrorCode = null)
{
    /// <summary>The status as a boolean: <see langword="true"/> when healthy.</summary>
    public static implicit operator bool(S3HealthStatus status) => status?.IsHealthy ?? false;

    /// <summary>The status as a boolean, for languages without implicit conversions.</summary>
    public bool ToBoolean() => IsHealthy;
}
