using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Publishing.Preparing;

/// <summary>How preparation runs per-asset work: in parallel, with a file that cannot be read reported by name.</summary>
internal static class AssetWork
{
    /// <summary>
    /// Runs per-asset work on every core and reports the first coded failure itself, not wrapped in an
    /// <see cref="AggregateException"/> that no face would recognise.
    /// </summary>
    public static void RunParallel<T>(IEnumerable<T> items, Action<T> body, CancellationToken cancellationToken)
    {
        try
        {
            Parallel.ForEach(items, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, body);
        }
        catch (AggregateException e) when (PublishFailure.From(e) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>Runs work on one asset's file; a file that cannot be read is a coded failure naming it.</summary>
    public static T Reading<T>(CollectedAsset asset, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StaticPublishException(ErrorCodes.LocalFileFailed,
                $"The asset file '{asset.FilePath}' could not be read: {e.Message} Check that it exists (a link may point nowhere) and is readable, or remove it.", e);
        }
    }
}
