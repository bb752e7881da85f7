using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Amazon.Runtime;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Storage;

/// <summary>
/// Maps AWS SDK and network exceptions to one <see cref="StaticPublishException"/> with a code and advice.
/// S3-compatible stores often send an empty error message (Ceph does), so the mapping goes by error code and
/// status, never by message.
/// </summary>
internal static class S3ErrorTranslator
{
    /// <summary>Runs an S3 call and translates its failure. Caller cancellation passes through unchanged.</summary>
    public static async Task<T> RunAsync<T>(S3CallContext context, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (IsTranslatable(e, cancellationToken))
        {
            throw Translate(e, context);
        }
    }

    /// <summary>Runs an S3 call that returns nothing and translates its failure.</summary>
    public static async Task RunAsync(S3CallContext context, Func<Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception e) when (IsTranslatable(e, cancellationToken))
        {
            throw Translate(e, context);
        }
    }

    public static bool IsTranslatable(Exception e, CancellationToken cancellationToken) => e switch
    {
        StaticPublishException => false,
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        AmazonServiceException or AmazonClientException or HttpRequestException or SocketException or IOException
            or OperationCanceledException or AuthenticationException => true,
        _ => false,
    };

    /// <summary>The S3 error code of an exception, when the store sent one.</summary>
    public static string? ErrorCodeOf(Exception e) => e is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode)
        ? service.ErrorCode
        : null;

    public static StaticPublishException Translate(Exception e, S3CallContext context)
    {
        var where = context.Describe();
        if (e is AmazonServiceException service && (service.StatusCode != 0 || !string.IsNullOrEmpty(service.ErrorCode)))
        {
            return TranslateService(service, context, where);
        }

        return e is AmazonClientException && e.Message.Contains("credential", StringComparison.OrdinalIgnoreCase)
            ? Build(ErrorCodes.CredentialsNotFound, context, e, $"No AWS credentials were found for {where}")
            : Build(ErrorCodes.EndpointUnreachable, context, e, $"Could not reach the S3 endpoint {context.Endpoint} ({NetworkReason(e)}) for {where}");
    }

    private static StaticPublishException TranslateService(AmazonServiceException e, S3CallContext context, string where)
    {
        var code = e.ErrorCode ?? "";
        var status = e.StatusCode;
        var detail = string.IsNullOrWhiteSpace(e.Message) || e.Message == code ? code : $"{code}: {e.Message}";
        if (string.IsNullOrEmpty(detail))
        {
            detail = $"HTTP {(int)status}";
        }

        var notFound = $"The object was not found: {where}";
        var accessDenied = $"Access denied ({detail}) for {where}";
        return code switch
        {
            "NoSuchBucket" => BucketNotFound(context, e),
            "NoSuchKey" => Build(ErrorCodes.ObjectNotFound, context, e, notFound),
            "AccessDenied" or "AllAccessDisabled" or "AccountProblem" => Build(ErrorCodes.AccessDenied, context, e, accessDenied),
            "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "InvalidToken" or "ExpiredToken" or "TokenRefreshRequired" =>
                Build(ErrorCodes.InvalidCredentials, context, e, $"The S3 endpoint {context.Endpoint} rejected the credentials ({code}) for {where}"),
            "XAmzContentSHA256Mismatch" or "BadDigest" or "InvalidDigest" or "MissingContentLength" or "InvalidArgument" when IsChecksumProblem(e) =>
                Build(ErrorCodes.ChecksumRejected, context, e, $"The S3 endpoint {context.Endpoint} rejected the request's checksum ({detail}) for {where}"),
            "RequestTimeTooSkewed" or "RequestExpired" =>
                Build(ErrorCodes.ClockSkew, context, e, $"The S3 endpoint {context.Endpoint} says this machine's clock is wrong ({code}) for {where}"),
            "BucketAlreadyExists" => Build(ErrorCodes.BucketUnavailable, context, e, $"The bucket '{context.Bucket}' belongs to another account"),

            // HEAD responses carry no body, so only the status is known.
            _ => status switch
            {
                HttpStatusCode.NotFound when context.Key is null => BucketNotFound(context, e),
                HttpStatusCode.NotFound => Build(ErrorCodes.ObjectNotFound, context, e, notFound),
                HttpStatusCode.Forbidden when string.IsNullOrEmpty(code) || code == "Forbidden" => Build(ErrorCodes.AccessDenied, context, e,
                    $"Access denied (HTTP 403 to a {context.Operation}, whose response carries no error code) for {where} at {context.Endpoint}"),
                HttpStatusCode.Forbidden => Build(ErrorCodes.AccessDenied, context, e, accessDenied),
                _ => Build(ErrorCodes.RequestFailed, context, e, $"The S3 endpoint {context.Endpoint} refused {where} with HTTP {(int)status} ({detail})"),
            },
        };
    }

    private static bool IsChecksumProblem(AmazonServiceException e) =>
        e.ErrorCode is not "InvalidArgument" || e.Message.Contains("checksum", StringComparison.OrdinalIgnoreCase);

    private static StaticPublishException BucketNotFound(S3CallContext context, Exception e) =>
        Build(ErrorCodes.BucketNotFound, context, e, $"The bucket '{context.Bucket}' does not exist at {context.Endpoint}");

    private static string NetworkReason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused",
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                        SocketError.TimedOut => "connection timed out",
                        _ => socket.SocketErrorCode.ToString(),
                    };
                case AuthenticationException:
                    return "TLS handshake failed: " + inner.Message;
                case OperationCanceledException or TimeoutException:
                    return "timed out";
                default:
                    break;
            }
        }

        return e.Message;
    }

    /// <summary>The coded failure: what happened, then the advice table's fix for it.</summary>
    private static StaticPublishException Build(string code, S3CallContext context, Exception e, string problem) =>
        new(code, $"{problem}. {S3ErrorAdvice.Sentence(S3ErrorAdvice.For(code, e, context).Fix)}", e) { Bucket = context.Bucket, Key = context.Key };
}
