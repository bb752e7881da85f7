namespace StaticPublish.Testing;

/// <summary>An answer a <see cref="RecordingProxy"/> gives itself instead of forwarding a request.</summary>
/// <param name="Status">The HTTP status, e.g. 403 or 503.</param>
/// <param name="S3ErrorCode">The S3 error code in the XML body, e.g. <c>AccessDenied</c> or <c>SlowDown</c>; null for an empty body.</param>
public sealed record ProxyReply(int Status, string? S3ErrorCode = null)
{
    /// <summary>Extra response headers, e.g. <c>Retry-After</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The reason phrase for the status line.</summary>
    public string Reason => Status switch
    {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Error",
    };

    /// <summary>403 AccessDenied, as a store answers a request the credentials may not make.</summary>
    public static ProxyReply AccessDenied { get; } = new(403, "AccessDenied");
}
