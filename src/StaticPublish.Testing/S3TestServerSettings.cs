namespace StaticPublish.Testing;

/// <summary>Where a test S3 server is and how to sign in to it.</summary>
/// <param name="Endpoint">The endpoint URL, e.g. <c>http://127.0.0.1:7480</c>.</param>
/// <param name="AccessKey">The access key.</param>
/// <param name="SecretKey">The secret key.</param>
/// <param name="Region">The signing region (us-east-1 for Ceph RGW).</param>
/// <param name="LogPath">The server's log file, when it is a local server.</param>
public sealed record S3TestServerSettings(Uri Endpoint, string AccessKey, string SecretKey, string Region, string? LogPath)
{
    /// <summary>The variable naming an external endpoint; when set, no local server is started.</summary>
    public const string EndpointVariable = "STATICPUBLISH_TEST_S3_ENDPOINT";

    /// <summary>The variable holding the external endpoint's access key.</summary>
    public const string AccessKeyVariable = "STATICPUBLISH_TEST_S3_ACCESS_KEY";

    /// <summary>The variable holding the external endpoint's secret key.</summary>
    public const string SecretKeyVariable = "STATICPUBLISH_TEST_S3_SECRET_KEY";

    /// <summary>The variable holding the external endpoint's region (default us-east-1).</summary>
    public const string RegionVariable = "STATICPUBLISH_TEST_S3_REGION";

    /// <summary>The variable holding the server's log file, when known.</summary>
    public const string LogVariable = "STATICPUBLISH_TEST_S3_LOG";

    /// <summary>Reads the settings from <c>STATICPUBLISH_TEST_S3_*</c> values, or returns null when no endpoint is set.</summary>
    public static S3TestServerSettings? FromVariables(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var endpoint = lookup(EndpointVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new Core.Errors.StaticPublishException(Core.Errors.ErrorCodes.InvalidSetting,
                $"{EndpointVariable}='{endpoint}' is not an absolute http:// or https:// URL. Set it to the S3 endpoint, such as http://127.0.0.1:9000.");
        }

        var accessKey = lookup(AccessKeyVariable);
        var secretKey = lookup(SecretKeyVariable);
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
        {
            throw new Core.Errors.StaticPublishException(Core.Errors.ErrorCodes.InvalidSetting,
                $"{EndpointVariable} is set, so {AccessKeyVariable} and {SecretKeyVariable} must be set too.");
        }

        var region = lookup(RegionVariable);
        return new S3TestServerSettings(uri, accessKey, secretKey, string.IsNullOrEmpty(region) ? "us-east-1" : region, lookup(LogVariable));
    }
}
