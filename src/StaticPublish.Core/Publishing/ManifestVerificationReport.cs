using System.Globalization;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

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

    /// <summary>
    /// The cross-origin GETs made, and whether each had to pass: the bucket's must; a base URL (CDN) that does not
    /// answer at all is reported but not held against the bucket.
    /// </summary>
    public IReadOnlyList<(CorsProbeResult Result, bool Required)> CorsChecks { get; init; } = [];

    /// <summary>The cross-origin GETs that failed although they had to pass.</summary>
    public IEnumerable<CorsProbeResult> CorsFailures => CorsChecks.Where(c => c.Required && !c.Result.Allowed).Select(c => c.Result);

    /// <summary>How long it took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Whether every object is in the bucket as the manifest describes it, and browsers on other origins may use it.</summary>
    public bool IsValid => Mismatches.Count == 0 && !CorsFailures.Any();

    /// <summary>Objects with at least one difference.</summary>
    public int MismatchedObjects => Mismatches.Select(m => m.Key).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The one summary line, e.g. <c>StaticPublish verify: 76 objects (1.2 MB), 76 match, 0 mismatched, 0.4 s</c>.</summary>
    public string Summary => string.Format(CultureInfo.InvariantCulture,
        "StaticPublish verify{0}: {1:N0} objects ({2}), {3:N0} match, {4:N0} mismatched, {5:0.0} s",
        Deep ? " (deep)" : "", Checked, PublishResult.FormatBytes(Bytes), Checked - MismatchedObjects, MismatchedObjects, Elapsed.TotalSeconds);

    /// <summary>The error for a report that is not valid: <c>SPUB1011</c> for objects, <c>SPUB1014</c> when only CORS failed.</summary>
    public StaticPublishException CreateException(string manifestSource)
    {
        if (IsValid)
        {
            throw new InvalidOperationException("The manifest matches the bucket; there is no error to report.");
        }

        if (Mismatches.Count == 0)
        {
            var cors = CorsFailures.First();
            return new StaticPublishException(ErrorCodes.CorsCheckFailed,
                $"Browsers on other origins cannot use the assets of '{manifestSource}': {cors}. Fix: {CorsProbe.Fix}. Do not deploy the app until verify passes.")
            { Bucket = Bucket };
        }

        var first = Mismatches[0];
        return new StaticPublishException(ErrorCodes.VerificationFailed,
            string.Format(CultureInfo.InvariantCulture,
                "{0:N0} of {1:N0} objects in bucket '{2}' do not match the manifest '{3}' (first: {4}). Publish again to upload them, and do not deploy the app until verify passes.",
                MismatchedObjects, Checked, Bucket, manifestSource, first))
        { Bucket = Bucket, Key = first.Key };
    }
}
