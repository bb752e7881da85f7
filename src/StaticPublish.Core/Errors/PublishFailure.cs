using Amazon.Runtime;

namespace StaticPublish.Core.Errors;

/// <summary>
/// The one mapping from what can go wrong during a StaticPublish operation to the <see cref="StaticPublishException"/>
/// the MSBuild task and the command line report: a code and a message that names the thing and says what to do.
/// Exceptions it does not know are bugs, and are left to surface as such.
/// </summary>
public static class PublishFailure
{
    /// <summary>The message for a cancelled run, the same in every face.</summary>
    public const string CancelledMessage = "StaticPublish was cancelled. Objects already uploaded stay in the bucket; no manifest or release record names them, so the next run finishes the job.";

    /// <summary>Maps an exception to the coded failure to report, or null when it is not an expected failure.</summary>
    public static StaticPublishException? From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            StaticPublishException coded => coded,

            // Parallel loops wrap what their bodies throw; the first coded failure is the one worth reporting.
            AggregateException aggregate => aggregate.Flatten().InnerExceptions.Select(From).OfType<StaticPublishException>()
                .OrderBy(e => e.Code == ErrorCodes.Cancelled ? 1 : 0).FirstOrDefault(),
            OperationCanceledException => new StaticPublishException(ErrorCodes.Cancelled, CancelledMessage, exception),
            IOException or UnauthorizedAccessException => new StaticPublishException(ErrorCodes.LocalFileFailed,
                $"A local file could not be read or written: {exception.Message} Check that it exists, is readable and that the disk has room.", exception),
            AmazonClientException => new StaticPublishException(ErrorCodes.RequestFailed, $"The AWS SDK failed: {exception.Message}", exception),
            _ => null,
        };
    }
}
