namespace StaticPublish.Core.Storage;

/// <summary>One check <see cref="S3Doctor"/> ran.</summary>
/// <param name="Name">What was checked, e.g. <c>PUT</c> or <c>clock skew</c>.</param>
/// <param name="Status">Passed, warning, failed or skipped.</param>
/// <param name="Detail">What was seen, in one line.</param>
/// <param name="ErrorCode">The <c>SPUB</c> code of a failure.</param>
/// <param name="Diagnosis">What the failure (or warning) most likely means, for known provider errors.</param>
/// <param name="Fix">What to do about it.</param>
public sealed record S3DoctorCheck(string Name, S3DoctorStatus Status, string Detail, string? ErrorCode = null, string? Diagnosis = null, string? Fix = null);
