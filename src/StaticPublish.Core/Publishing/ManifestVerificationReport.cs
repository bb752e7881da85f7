using System.Globalization;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Publishing;

/// <summary>What <see cref="ManifestVerifier"/> found: every entry checked, and each difference.</summary>
public sealed record ManifestVerificationReport
{
    /// <summary>The bucket that was checked.</summary>
    public required string Bucket { get; init; }

    /// <summary>The manifest's release id.</summary>
    public required string Release { get; init; }

    /// <summary>How many manifest entries were checked.</summary>
    public required int Checked { get; init; }

    /// <summary>The stored bytes the manifest names (downloaded in full when <see cref="Deep"/>).</summary>
    public required long Bytes { get; init; }

    /// <summary>Whether objects were downloaded and checked against their integrity hashes.</summary>
    public bool Deep { get; init; }

    /// <summary>Every difference, sorted by key.</summary>
    public required IReadOnlyList<ManifestMismatch> Mismatches { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Whether every entry is in the bucket as the manifest describes it.</summary>
    public bool IsValid => Mismatches.Count == 0;

    /// <summary>Objects with at least one difference.</summary>
    public int MismatchedObjects => Mismatches.Select(m => m.Key).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The one summary line, e.g. <c>StaticPublish verify: 76 objects (1.2 MB), 76 match, 0 mismatched, 0.4 s</c>.</summary>
    public string Summary => string.Format(CultureInfo.InvariantCulture,
        "StaticPublish verify{0}: {1:N0} objects ({2}), {3:N0} match, {4:N0} mismatched, {5:0.0} s",
        Deep ? " (deep)" : "", Checked, PublishResult.FormatBytes(Bytes), Checked - MismatchedObjects, MismatchedObjects, Elapsed.TotalSeconds);

    /// <summary>The <c>SPUB1011</c> error for a report that is not valid.</summary>
    public StaticPublishException CreateException(string manifestSource)
    {
        if (IsValid)
        {
            throw new InvalidOperationException("The manifest matches the bucket; there is no error to report.");
        }

        var first = Mismatches[0];
        return new StaticPublishException(ErrorCodes.VerificationFailed,
            string.Format(CultureInfo.InvariantCulture,
                "{0:N0} of {1:N0} objects in bucket '{2}' do not match the manifest '{3}' (first: {4}). Publish again to upload them, and do not deploy the app until verify passes.",
                MismatchedObjects, Checked, Bucket, manifestSource, first))
        { Bucket = Bucket, Key = first.Key };
    }
}
