using System.Net.Http.Headers;

namespace StaticPublish.Core.Storage;

/// <summary>
/// Asks for a published object the way a browser on another origin does (a GET with an <c>Origin</c> header) and
/// reads the <c>Access-Control-Allow-Origin</c> it gets back. Without a matching one, browsers block integrity-checked
/// CSS and JS, fonts and JS modules from that origin, however correct the object itself is.
/// </summary>
public static class CorsProbe
{
    /// <summary>The origin sent when the allowed origins are <c>*</c>: any origin then gets an answer.</summary>
    public const string ProbeOrigin = "https://staticpublish-check.example";

    /// <summary>What to tell a user whose bucket or CDN does not answer CORS.</summary>
    public const string Fix =
        "publish again (the publish sets a CORS rule unless StaticPublishCors=false), or run 'staticpublish init-bucket --origin <app origin>'; "
        + "behind CloudFront, also forward the Origin header to the bucket or attach a response headers policy with CORS";

    /// <summary>The origin to probe with: the first allowed origin, or <see cref="ProbeOrigin"/> when any origin is allowed.</summary>
    public static string OriginFor(IEnumerable<string> allowedOrigins) =>
        S3BucketCors.NormalizeOrigins(allowedOrigins).FirstOrDefault(o => o != "*") ?? ProbeOrigin;

    /// <summary>
    /// Asks for one object as a browser on <paramref name="origin"/> would: presigned from the bucket, which must
    /// answer, and through <paramref name="publicUrl"/> (a CDN) when that is another place; a CDN that does not answer
    /// at all is reported but not required, since it may not be reachable from where this runs.
    /// </summary>
    /// <returns>Each request made, and whether it had to pass.</returns>
    internal static async Task<IReadOnlyList<(CorsProbeResult Result, bool Required)>> CheckObjectAsync(
        S3ObjectStore store, string key, string? publicUrl, string origin, CancellationToken cancellationToken = default)
    {
        using var http = store.CreateHttpClient(TimeSpan.FromSeconds(30));
        var direct = await CheckAsync(http, await store.PresignGetAsync(key, TimeSpan.FromMinutes(5)).ConfigureAwait(false), origin, cancellationToken).ConfigureAwait(false);
        var results = new List<(CorsProbeResult, bool)> { (direct, true) };
        if (publicUrl is not null && !string.Equals(publicUrl, store.PublicUrl(key), StringComparison.Ordinal))
        {
            var cdn = await CheckAsync(http, publicUrl, origin, cancellationToken).ConfigureAwait(false);
            results.Add((cdn, cdn.Reachable));
        }

        return results;
    }

    /// <summary>GETs the first byte of <paramref name="url"/> with <c>Origin: <paramref name="origin"/></c>. Never throws for network failures.</summary>
    public static async Task<CorsProbeResult> CheckAsync(HttpClient http, string url, string origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.Range = new RangeHeaderValue(0, 0);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var allowed = response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.FirstOrDefault() : null;
            return new CorsProbeResult(url, origin, (int)response.StatusCode, allowed, null);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new CorsProbeResult(url, origin, null, null, e.Message);
        }
    }
}

/// <summary>The answer to one <see cref="CorsProbe"/> request.</summary>
/// <param name="Url">The URL asked for (a presigned URL's query included).</param>
/// <param name="Origin">The <c>Origin</c> sent.</param>
/// <param name="Status">The HTTP status, or null when the URL did not answer.</param>
/// <param name="AllowOrigin">The <c>Access-Control-Allow-Origin</c> received, or null.</param>
/// <param name="Failure">Why the URL did not answer, or null.</param>
public sealed record CorsProbeResult(string Url, string Origin, int? Status, string? AllowOrigin, string? Failure)
{
    /// <summary>Whether the URL answered at all.</summary>
    public bool Reachable => Status is not null;

    /// <summary>Whether a browser on <see cref="Origin"/> may use the response.</summary>
    public bool Allowed => Status is >= 200 and < 300 && (AllowOrigin == "*" || string.Equals(AllowOrigin, Origin, StringComparison.Ordinal));

    /// <summary>One line, without the URL's query (which may carry a signature).</summary>
    public override string ToString()
    {
        var where = Url.Split('?', 2)[0];
        return Status switch
        {
            null => $"{where} did not answer ({Failure})",
            < 200 or >= 300 => $"{where} answered HTTP {Status} to a GET from {Origin}",
            _ when AllowOrigin is null => $"{where} sent no Access-Control-Allow-Origin to a GET from {Origin}",
            _ when !Allowed => $"{where} sent Access-Control-Allow-Origin '{AllowOrigin}' to a GET from {Origin}",
            _ => $"{where} allows {Origin} (Access-Control-Allow-Origin: {AllowOrigin})",
        };
    }
}
