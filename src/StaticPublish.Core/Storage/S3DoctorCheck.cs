namespace StaticPublish.Core.Storage;

/// <summary>One check <see cref="S3Doctor"/> ran.</summary>
/// <param name="Name">What was checked, e.g. <c>PUT</c> or <c>clock skew</c>.</param>
/// <param name="Status">Passed, warning, failed or skipped.</param>
/// <param name="Detail">What was seen, in one line.</param>
/// <param name="ErrorCode">The <c>SPUB</c> code of a failure.</param>
/// <param name="Diagnosis">What the failure (or warning) most likely means, for known provider errors.</param>
/// <param name="Fix">What to do about it.</param>
public sealed record S3DoctorCheck(string Name, S3DoctorStatus Status, string Detail, string? ErrorCode = null, string? Diagnosis = null, string? Fix = null)
{
    internal static S3DoctorCheck Passed(string name, string detail) => new(name, S3DoctorStatus.Passed, detail);

    internal static S3DoctorCheck Failed(string name, string detail, string code, string? diagnosis, string fix) =>
        new(name, S3DoctorStatus.Failed, detail, code, diagnosis, fix);

    internal static S3DoctorCheck Skipped(string name, string failed) => new(name, S3DoctorStatus.Skipped, $"not run: the {failed} check failed");
}
