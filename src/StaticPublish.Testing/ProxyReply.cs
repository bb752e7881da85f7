namespace StaticPublish.Testing;

/// <summary>
/// What a <see cref="RecordingProxy"/> does with a request instead of simply forwarding it: answer with an S3 error,
/// reset the connection part-way through the body, hold the request before forwarding it, or swallow it (answer
/// 200 without storing anything, as a store that loses a write would).
/// </summary>
public sealed record ProxyReply
{
    private ProxyReply(ProxyReplyKind kind) => Kind = kind;

    /// <summary>What the proxy does.</summary>
    public ProxyReplyKind Kind { get; }

    /// <summary>The HTTP status for <see cref="ProxyReplyKind.Error"/>.</summary>
    public int Status { get; private init; }

    /// <summary>The S3 error code in the XML body, e.g. <c>AccessDenied</c> or <c>SlowDown</c>.</summary>
    public string? S3ErrorCode { get; private init; }

    /// <summary>Extra response headers, e.g. <c>Retry-After</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How many body bytes are read before a <see cref="ProxyReplyKind.Reset"/>.</summary>
    public long BodyBytesBeforeReset { get; private init; }

    /// <summary>How long a <see cref="ProxyReplyKind.Stall"/> holds the request before forwarding it.</summary>
    public TimeSpan Delay { get; private init; }

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
    public static ProxyReply AccessDenied { get; } = Error(403, "AccessDenied");

    /// <summary>A 200 with an ETag and nothing stored.</summary>
    public static ProxyReply Swallow { get; } = new(ProxyReplyKind.Swallow) { Status = 200 };

    /// <summary>An error answer with an S3 XML body the SDK maps like the store's own.</summary>
    public static ProxyReply Error(int status, string? s3ErrorCode = null) => new(ProxyReplyKind.Error) { Status = status, S3ErrorCode = s3ErrorCode };

    /// <summary>Reads <paramref name="bodyBytes"/> of the request body, then resets the connection (TCP RST).</summary>
    public static ProxyReply Reset(long bodyBytes) => new(ProxyReplyKind.Reset) { BodyBytesBeforeReset = bodyBytes };

    /// <summary>Holds the request for <paramref name="delay"/>, then forwards it: a late answer the client may have given up on.</summary>
    public static ProxyReply Stall(TimeSpan delay) => new(ProxyReplyKind.Stall) { Delay = delay };
}

/// <summary>The kinds of <see cref="ProxyReply"/>.</summary>
public enum ProxyReplyKind
{
    /// <summary>Answer with an error status and S3 error body.</summary>
    Error,

    /// <summary>Reset the connection part-way through the request body.</summary>
    Reset,

    /// <summary>Forward the request late.</summary>
    Stall,

    /// <summary>Answer 200 without forwarding.</summary>
    Swallow,
}
