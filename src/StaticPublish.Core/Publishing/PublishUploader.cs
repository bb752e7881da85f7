using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// Uploads one phase of a release (immutable objects, then mutable ones), then checks with a LIST that every object
/// of the phase, uploaded or skipped, is in the bucket with its size. An object that is not (the store lost it, or a
/// concurrent prune deleted one this release reuses) is uploaded once more; if it is still missing the publish fails
/// before anything that names it is written.
/// </summary>
internal sealed class PublishUploader(S3ObjectStore store, string listPrefix, int concurrency, IPublishLog log)
{
    /// <summary>Uploads the phase's objects that need it, then checks the whole phase when <paramref name="check"/> is set.</summary>
    /// <param name="phase">The phase's objects, uploads and skips.</param>
    /// <param name="check">Check with a LIST: whenever this publish writes anything, since a record will name the skipped objects too.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async Task RunPhaseAsync(IReadOnlyList<PlannedObject> phase, bool check, CancellationToken cancellationToken)
    {
        var uploads = phase.Where(p => p.Kind == PlannedActionKind.Upload).Select(p => p.Object).ToList();
        await PutAsync(uploads, cancellationToken).ConfigureAwait(false);
        if (!check || phase.Count == 0)
        {
            return;
        }

        var missing = await MissingAsync(phase, cancellationToken).ConfigureAwait(false);
        if (missing.Count == 0)
        {
            return;
        }

        log.Info($"{missing.Count} objects were not in the bucket after the upload (e.g. '{missing[0].Key}'); uploading them again");
        await PutAsync(missing, cancellationToken).ConfigureAwait(false);
        missing = await MissingAsync(phase, cancellationToken).ConfigureAwait(false);
        if (missing.Count > 0)
        {
            throw new StaticPublishException(ErrorCodes.ObjectsMissingAfterUpload,
                $"{missing.Count} objects are not in bucket '{store.Bucket}' with their size after being uploaded twice, e.g. '{missing[0].Key}'. No release record and no manifest name them; check the store's logs and publish again.")
            { Bucket = store.Bucket, Key = missing[0].Key };
        }
    }

    private async Task PutAsync(List<PublishObject> objects, CancellationToken cancellationToken)
    {
        // Largest first, so one big file does not finish alone at the end.
        var ordered = objects.OrderByDescending(o => o.Size).ToList();
        await Parallel.ForEachAsync(ordered, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                using var payload = item.Asset.OpenPayload();
                await store.PutAsync(item.Key, payload, PublishPlanner.StoredHeaders(item), token).ConfigureAwait(false);
                log.Uploaded(item.Key, item.Size);
            }).ConfigureAwait(false);
    }

    private async Task<List<PublishObject>> MissingAsync(IReadOnlyList<PlannedObject> phase, CancellationToken cancellationToken)
    {
        // Split into ranges of about a page (1,000 keys) by the phase's own keys, listed at once.
        var splitKeys = phase.Select(p => p.Object.Key).Order(KeyOrder.Instance).Where((_, i) => i > 0 && i % 1000 == 0);
        var listed = (await store.ListAsync(listPrefix, splitKeys, concurrency, cancellationToken).ConfigureAwait(false))
            .ToDictionary(o => o.Key, o => o.Size, StringComparer.Ordinal);
        return [.. phase.Select(p => p.Object).Where(o => !listed.TryGetValue(o.Key, out var size) || size != o.Size)];
    }
}
