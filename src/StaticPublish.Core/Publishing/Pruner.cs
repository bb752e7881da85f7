using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// Deletes objects that only releases older than the newest N of an app reference. It never deletes what the newest N
/// releases of any app under the prefix reference, refuses when one of those has no readable record, and re-LISTs
/// just before deleting, so an object written (or a release recorded) after it started is kept. Older releases'
/// records go last, after their objects.
/// </summary>
internal sealed class Pruner(S3ObjectStore store, ReleaseHistory history, StaticPublishOptions options, IPublishLog log)
{
    private readonly string _bucket = store.Bucket;

    /// <summary>Plans, then (unless a dry run or over the guard) deletes.</summary>
    /// <param name="listed">The LIST the run started from.</param>
    /// <param name="releases">The release records in that LIST.</param>
    /// <param name="current">A record this run wrote after that LIST, which counts as the app's newest release.</param>
    /// <param name="dryRun">Plan only.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async Task<PruneResult> RunAsync(
        IReadOnlyDictionary<string, S3ListedObject> listed,
        IReadOnlyList<ReleaseReference> releases,
        (ReleaseReference Reference, ReleaseSummary Record)? current,
        bool dryRun,
        CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var app = options.EffectiveAppName;
        var known = current is { } written ? new Dictionary<string, ReleaseSummary> { [written.Reference.Key] = written.Record } : [];
        var ordered = releases.Where(r => current is null || r.Key != current.Value.Reference.Key).ToList();
        if (current is { } newest)
        {
            ordered.Insert(0, newest.Reference);
        }

        var mine = ordered.Where(r => r.App == app).ToList();
        var protectedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in ordered.GroupBy(r => r.App))
        {
            foreach (var kept in group.Take(options.KeepReleases))
            {
                var record = await ReadKeptAsync(kept, known, cancellationToken).ConfigureAwait(false);
                protectedKeys.UnionWith(record.Objects.Keys);
                protectedKeys.Add(kept.Key);
            }
        }

        var stale = new List<(string Key, bool IsRecord)>();
        foreach (var dropped in mine.Skip(options.KeepReleases))
        {
            ReleaseSummary? record;
            try
            {
                record = await history.ReadAsync(dropped, cancellationToken).ConfigureAwait(false);
            }
            catch (StaticPublishException e) when (e.Code == ErrorCodes.ManifestUnreadable)
            {
                // What a damaged old record referenced is unknown, so none of it is deleted, the record included.
                log.Warning(e.Code, null, e.Message);
                continue;
            }

            if (record is not null)
            {
                stale.AddRange(record.Objects.Keys.Select(k => (k, false)));
                stale.Add((dropped.Key, true));
            }
        }

        var now = DateTimeOffset.UtcNow;
        var cutoff = options.PruneMinimumAge >= now - DateTimeOffset.MinValue ? DateTimeOffset.MinValue : now - options.PruneMinimumAge;
        var candidates = stale
            .Where(s => !protectedKeys.Contains(s.Key) && listed.TryGetValue(s.Key, out var o) && o.LastModified <= cutoff)
            .DistinctBy(s => s.Key)
            .OrderBy(s => s.IsRecord)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
        var result = new PruneResult
        {
            App = app,
            CurrentRelease = mine.FirstOrDefault()?.Release,
            KeptReleases = Math.Min(options.KeepReleases, mine.Count),
            Deletes = [.. candidates.Select(c => Delete(c.Key, listed[c.Key].Size))],
            DryRun = dryRun,
        };
        if (candidates.Count > options.MaxDeletes)
        {
            return result with
            {
                Deletes = [],
                SkippedReason = $"Prune would delete {candidates.Count} objects from bucket '{_bucket}', more than the limit of {options.MaxDeletes}; nothing was deleted. Raise MaxDeletes if that is intended.",
                Elapsed = clock.Elapsed,
            };
        }

        if (dryRun || candidates.Count == 0)
        {
            return result with { Elapsed = clock.Elapsed };
        }

        var deleted = await DeleteUnchangedAsync(candidates, listed, releases, known, cancellationToken).ConfigureAwait(false);
        return result with { Deletes = deleted, Elapsed = clock.Elapsed };
    }

    /// <summary>
    /// Re-LISTs and deletes only candidates that are unchanged since the first LIST and that no release recorded
    /// meanwhile (by a concurrent publish) references.
    /// </summary>
    private async Task<List<PlannedAction>> DeleteUnchangedAsync(
        List<(string Key, bool IsRecord)> candidates,
        IReadOnlyDictionary<string, S3ListedObject> before,
        IReadOnlyList<ReleaseReference> releasesBefore,
        Dictionary<string, ReleaseSummary> known,
        CancellationToken cancellationToken)
    {
        var now = (await store.ListAsync(history.LocationPrefix, cancellationToken).ConfigureAwait(false))
            .ToDictionary(o => o.Key, StringComparer.Ordinal);
        var seen = releasesBefore.Select(r => r.Key).Concat(known.Keys).ToHashSet(StringComparer.Ordinal);
        var protectedNow = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recorded in history.FromListing(now.Values).Where(r => !seen.Contains(r.Key)))
        {
            var record = await ReadKeptAsync(recorded, known, cancellationToken).ConfigureAwait(false);
            protectedNow.UnionWith(record.Objects.Keys);
        }

        var deletes = candidates
            .Where(c => !protectedNow.Contains(c.Key)
                && now.TryGetValue(c.Key, out var current)
                && current.LastModified == before[c.Key].LastModified
                && current.Size == before[c.Key].Size)
            .ToList();
        var kept = candidates.Count - deletes.Count;
        if (kept > 0)
        {
            log.Info($"prune kept {kept} objects that were written or referenced by another publish while it ran");
        }

        // Objects first, records last: a run stopped in between leaves records whose objects are gone, which a
        // later prune deletes; never objects that a record still claims to protect.
        await store.DeleteAsync(deletes.Where(d => !d.IsRecord).Select(d => d.Key), cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(deletes.Where(d => d.IsRecord).Select(d => d.Key), cancellationToken).ConfigureAwait(false);
        log.Info($"deleted {deletes.Count} objects that none of the newest {options.KeepReleases} releases reference");
        return [.. deletes.Select(d => Delete(d.Key, now[d.Key].Size))];
    }

    private async Task<ReleaseSummary> ReadKeptAsync(ReleaseReference reference, Dictionary<string, ReleaseSummary> known, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(reference.Key, out var cached))
        {
            return cached;
        }

        ReleaseSummary? record;
        string problem;
        try
        {
            record = await history.ReadAsync(reference, cancellationToken).ConfigureAwait(false);
            problem = "was deleted while prune read it";
        }
        catch (StaticPublishException e) when (e.Code == ErrorCodes.ManifestUnreadable)
        {
            record = null;
            problem = "is unreadable (" + e.Message + ")";
        }

        if (record is null)
        {
            throw new StaticPublishException(ErrorCodes.ReleaseRecordMissing,
                $"Prune refused, nothing was deleted: release {reference.Release} of app '{reference.App}' is one of the releases it must keep, but its record '{reference.Key}' in bucket '{_bucket}' {problem}, so what it references is unknown. Publish that app again to record a new release, or delete the record if the release is no longer deployed anywhere.")
            { Bucket = _bucket, Key = reference.Key };
        }

        known[reference.Key] = record;
        return record;
    }

    private static PlannedAction Delete(string key, long size) =>
        new(PlannedActionKind.Delete, key, size, "referenced by no kept release", null);
}
