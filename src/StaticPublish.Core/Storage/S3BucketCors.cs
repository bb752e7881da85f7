using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Storage;

/// <summary>
/// The bucket CORS rule that lets pages on other origins load fonts and JS modules (which browsers fetch in CORS
/// mode) straight from the bucket. StaticPublish manages one rule, found by its id; other rules are kept.
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
    public static async Task<IReadOnlyList<string>> EnsureAsync(S3Storage storage, IEnumerable<string> origins, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var wanted = NormalizeOrigins(origins);
        if (wanted.Count == 0)
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting, "No CORS origins were given. Name the origins whose pages load the assets, such as https://www.example.com.");
        }

        var bucket = storage.Options.BucketName;
        var rules = await GetRulesAsync(storage, cancellationToken).ConfigureAwait(false);
        var current = rules.FirstOrDefault(r => r.Id == RuleId);
        if (current is not null && IsWanted(current, wanted))
        {
            return [];
        }

        var rule = new CORSRule
        {
            Id = RuleId,
            AllowedMethods = ["GET", "HEAD"],
            AllowedOrigins = [.. wanted],
            AllowedHeaders = ["*"],
            MaxAgeSeconds = MaxAgeSeconds,
        };
        var request = new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration { Rules = [rule, .. rules.Where(r => r.Id != RuleId)] },
        };
        await S3ErrorTranslator.RunAsync(new S3CallContext("PutBucketCors", storage.EndpointDescription, bucket),
            () => storage.Client.PutCORSConfigurationAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return [$"allowed GET and HEAD from {string.Join(", ", wanted)} on bucket '{bucket}' (CORS for fonts and modules)"];
    }

    /// <summary>Whether the bucket's StaticPublish rule already allows GET and HEAD from exactly <paramref name="origins"/> (a dry run's question).</summary>
    public static async Task<bool> IsInPlaceAsync(S3Storage storage, IEnumerable<string> origins, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var wanted = NormalizeOrigins(origins);
        var current = (await GetRulesAsync(storage, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Id == RuleId);
        return current is not null && IsWanted(current, wanted);
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

    private static bool IsWanted(CORSRule rule, IReadOnlyList<string> origins) =>
        SameSet(rule.AllowedOrigins, origins)
        && SameSet(rule.AllowedMethods, ["GET", "HEAD"])
        && SameSet(rule.AllowedHeaders, ["*"])
        && (rule.ExposeHeaders?.Count ?? 0) == 0
        && rule.MaxAgeSeconds == MaxAgeSeconds;

    private static bool SameSet(IEnumerable<string>? left, IEnumerable<string> right) =>
        (left ?? []).Order(StringComparer.Ordinal).SequenceEqual(right.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static async Task<List<CORSRule>> GetRulesAsync(S3Storage storage, CancellationToken cancellationToken)
    {
        var bucket = storage.Options.BucketName;
        try
        {
            var response = await storage.Client.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            return response.Configuration?.Rules ?? [];
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchCORSConfiguration" || (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket"))
        {
            return [];
        }
        catch (Exception e) when (S3ErrorTranslator.IsTranslatable(e, cancellationToken))
        {
            throw S3ErrorTranslator.Translate(e, new S3CallContext("GetBucketCors", storage.EndpointDescription, bucket));
        }
    }
}
