namespace StaticPublish.Core.Errors;

/// <summary>
/// The one exception type StaticPublish throws for failures a user can act on. <see cref="Code"/> is a stable
/// <c>SPUB####</c> code (see <see cref="ErrorCodes"/>); the message names the bucket, key, file or setting and says
/// what to do.
/// </summary>
public sealed class StaticPublishException : Exception
{
    /// <summary>Creates an exception with a code and a message that already says what to do.</summary>
    public StaticPublishException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>The stable <c>SPUB####</c> code: 0xxx environment, 1xxx storage and network, 2xxx invalid input.</summary>
    public string Code { get; }

    /// <summary>The S3 bucket involved, when there is one.</summary>
    public string? Bucket { get; init; }

    /// <summary>The object key involved, when there is one.</summary>
    public string? Key { get; init; }

    /// <summary>The code and message on one line, the way the command line and MSBuild print it.</summary>
    public override string ToString() => $"{Code}: {Message}";
}
