using System.Globalization;

namespace StaticPublish.Core.Storage;

/// <summary>What <see cref="S3Doctor"/> found, check by check.</summary>
public sealed record S3DoctorReport
{
    /// <summary>Where the requests went.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The bucket checked.</summary>
    public required string Bucket { get; init; }

    /// <summary>The checks, in the order they ran.</summary>
    public required IReadOnlyList<S3DoctorCheck> Checks { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Whether no check failed (warnings allowed).</summary>
    public bool IsHealthy => !Checks.Any(c => c.Status == S3DoctorStatus.Failed);

    /// <summary>The first failed check, or null.</summary>
    public S3DoctorCheck? FirstFailure => Checks.FirstOrDefault(c => c.Status == S3DoctorStatus.Failed);

    /// <summary>The one summary line, e.g. <c>StaticPublish doctor: 11 checks, 11 passed, 0 warnings, 0 failed (bucket 'assets' at http://127.0.0.1:7480), 0.3 s</c>.</summary>
    public string Summary => string.Format(CultureInfo.InvariantCulture,
        "StaticPublish doctor: {0} checks, {1} passed, {2} warnings, {3} failed, {4} skipped (bucket '{5}' at {6}), {7:0.0} s",
        Checks.Count, Count(S3DoctorStatus.Passed), Count(S3DoctorStatus.Warning), Count(S3DoctorStatus.Failed), Count(S3DoctorStatus.Skipped),
        Bucket, Endpoint, Elapsed.TotalSeconds);

    private int Count(S3DoctorStatus status) => Checks.Count(c => c.Status == status);
}
