using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// What the bucket holds under the prefix, from one paged LIST, and the newest readable release record of the app
/// being published. A record is tolerated when missing or corrupt: the planner then goes on from the one before it,
/// and proves the rest with a HEAD each.
/// </summary>
internal sealed class BucketState
{
    // A run of damaged records this long is not worth reading past: the rest is proven by HEAD.
    private const int RecordsTried = 5;

    public required IReadOnlyDictionary<string, S3ListedObject> Listed { get; init; }

    /// <summary>Every release record under the prefix, of every app, newest first.</summary>
    public required IReadOnlyList<ReleaseReference> Releases { get; init; }

    /// <summary>The newest readable record of this app, and where it is.</summary>
    public (ReleaseReference Reference, ReleaseSummary Record)? Previous { get; init; }

    /// <summary>
    /// Whether the previous release proves an object is in the bucket as wanted: it recorded the same state for the
    /// key, the LIST shows the same size, and nobody wrote the key after that record.
    /// </summary>
    public bool IsProven(PublishObject candidate) =>
        Previous is { } previous
        && Listed.TryGetValue(candidate.Key, out var listed)
        && listed.Size == candidate.Size
        && listed.LastModified <= previous.Reference.LastModified
        && previous.Record.Objects.TryGetValue(candidate.Key, out var state)
        && state == candidate.State;

    /// <summary>Loads the state; <paramref name="expectedKeys"/> (any keys the bucket likely holds) split the LIST into ranges listed at once.</summary>
    public static async Task<BucketState> LoadAsync(
        S3ObjectStore store, ReleaseHistory history, string app, IEnumerable<string> expectedKeys, int concurrency, IPublishLog log, CancellationToken cancellationToken)
    {
        var listing = await store.ListAsync(history.LocationPrefix, expectedKeys, concurrency, cancellationToken).ConfigureAwait(false);
        var listed = listing.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var releases = history.FromListing(listing);
        foreach (var reference in releases.Where(r => r.App == app).Take(RecordsTried))
        {
            try
            {
                if (await history.ReadAsync(reference, cancellationToken).ConfigureAwait(false) is { } record)
                {
                    return new BucketState { Listed = listed, Releases = releases, Previous = (reference, record with { Objects = Shared(record.Objects, listed) }) };
                }
            }
            catch (StaticPublishException e) when (e.Code == ErrorCodes.ManifestUnreadable)
            {
                log.Warning(e.Code, null, e.Message + " This publish goes on from the release before it.");
            }
        }

        return new BucketState { Listed = listed, Releases = releases };
    }

    /// <summary>
    /// The record's objects with ordinal keys, and with the listing's key strings where the bucket lists the key,
    /// so the record and the listing do not each hold a copy of tens of thousands of keys.
    /// </summary>
    private static Dictionary<string, string> Shared(IReadOnlyDictionary<string, string> objects, Dictionary<string, S3ListedObject> listed)
    {
        var shared = new Dictionary<string, string>(objects.Count, StringComparer.Ordinal);
        foreach (var (key, state) in objects)
        {
            shared[listed.TryGetValue(key, out var known) ? known.Key : key] = state;
        }

        return shared;
    }
}
