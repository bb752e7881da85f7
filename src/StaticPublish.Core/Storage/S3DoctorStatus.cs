namespace StaticPublish.Core.Storage;

/// <summary>The outcome of one <see cref="S3Doctor"/> check.</summary>
public enum S3DoctorStatus
{
    /// <summary>The check passed.</summary>
    Passed,

    /// <summary>It works, but something deserves attention.</summary>
    Warning,

    /// <summary>The check failed; see the diagnosis and fix.</summary>
    Failed,

    /// <summary>Not run, because an earlier check it depends on failed.</summary>
    Skipped,
}
