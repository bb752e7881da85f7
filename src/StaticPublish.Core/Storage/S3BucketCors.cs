using Amazon.S3.Model;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Storage;

/// <summary>
/// The bucket CORS rule that lets pages on other origins load fonts, JS modules and integrity-checked CSS and JS
/// (which browsers fetch in CORS mode) straight from the bucket. StaticPublish manages one rule, found by its id;
/// other rules are kept.
/// </summary>
public static class S3BucketCors
{
    /// <summary>The id of the rule StaticPublish manages.</summary>
    public const string RuleId = "StaticPublishAssets";

    /// <summary>How long browsers may cache a preflight answer.</summary>
    public const int MaxAgeSeconds = 86400;

    /// <summary>
    /// Makes the bucket's StaticPublish CORS rule allow GET and HEAD from exactly <paramref name="origins"/>.
    /// Idempotent: an equal rule is left alone.
    /// </summary>
    /// <param name="storage">The bucket.</param>
    /// <param name="origins">Origins such as <c>https://www.example.com</c>, or <c>*</c>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>One line per change made; empty when the rule was already in place.</returns>
    /// <exception cref="StaticPublishException"><c>SPUB2003</c> for an origin that is not scheme://host[:port] or <c>*</c>; storage errors otherwise.</exception>
    public static Task<IReadOnlyList<string>> EnsureAsync(S3Storage storage, IEnumerable<string> origins, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return new S3BucketAdministrator(storage.Store).EnsureCorsAsync(Required(origins), cancellationToken);
    }

    /// <summary>Whether the bucket's StaticPublish rule already allows GET and HEAD from exactly <paramref name="origins"/> (a dry run's question).</summary>
    public static Task<bool> IsInPlaceAsync(S3Storage storage, IEnumerable<string> origins, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return new S3BucketAdministrator(storage.Store).IsCorsInPlaceAsync(Required(origins), cancellationToken);
    }

    /// <summary>Checks and normalises origins: <c>scheme://host[:port]</c> without a path, or <c>*</c>; sorted and distinct.</summary>
    /// <exception cref="StaticPublishException"><c>SPUB2003</c> naming the first invalid origin.</exception>
    public static IReadOnlyList<string> NormalizeOrigins(IEnumerable<string> origins)
    {
        ArgumentNullException.ThrowIfNull(origins);
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in origins)
        {
            var origin = raw.Trim().TrimEnd('/');
            if (origin == "*")
            {
                result.Add(origin);
                continue;
            }

            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new StaticPublishException(ErrorCodes.InvalidSetting,
                    $"The CORS origin '{raw}' is not an origin. Give scheme, host and optional port without a path, such as https://www.example.com, or '*'.");
            }

            result.Add(uri.GetLeftPart(UriPartial.Authority));
        }

        return [.. result];
    }

    /// <summary>The rule StaticPublish wants for normalised <paramref name="origins"/>.</summary>
    internal static CORSRule Rule(IReadOnlyList<string> origins) => new()
    {
        Id = RuleId,
        AllowedMethods = ["GET", "HEAD"],
        AllowedOrigins = [.. origins],
        AllowedHeaders = ["*"],
        MaxAgeSeconds = MaxAgeSeconds,
    };

    /// <summary>Whether an existing rule is exactly the one StaticPublish wants.</summary>
    internal static bool IsWanted(CORSRule rule, IReadOnlyList<string> origins) =>
        SameSet(rule.AllowedOrigins, origins)
        && SameSet(rule.AllowedMethods, ["GET", "HEAD"])
        && SameSet(rule.AllowedHeaders, ["*"])
        && (rule.ExposeHeaders?.Count ?? 0) == 0
        && rule.MaxAgeSeconds == MaxAgeSeconds;

    private static IReadOnlyList<string> Required(IEnumerable<string> origins)
    {
        var wanted = NormalizeOrigins(origins);
        return wanted.Count > 0
            ? wanted
            : throw new StaticPublishException(ErrorCodes.InvalidSetting, "No CORS origins were given. Name the origins whose pages load the assets, such as https://www.example.com, or '*'.");
    }

    private static bool SameSet(IEnumerable<string>? left, IEnumerable<string> right) =>
        (left ?? []).Order(StringComparer.Ordinal).SequenceEqual(right.Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
