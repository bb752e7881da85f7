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

    /// <summary>The variable holding the server's HTTPS endpoint, when it has one (optional).</summary>
    public const string TlsEndpointVariable = "STATICPUBLISH_TEST_S3_TLS_ENDPOINT";

    /// <summary>The variable holding a PEM file of the CA certificates that sign the HTTPS endpoint's certificate (optional).</summary>
    public const string CaBundleVariable = "STATICPUBLISH_TEST_S3_CA_BUNDLE";

    /// <summary>
    /// The HTTPS endpoint of the same server, e.g. <c>https://127.0.0.1:7443</c>, or <see langword="null"/> when the
    /// server has none. Tests that need TLS are inconclusive without it.
    /// </summary>
    public Uri? TlsEndpoint { get; init; }

    /// <summary>
    /// A PEM file of the CA that signs <see cref="TlsEndpoint"/>'s certificate (the local server's private test CA),
    /// or <see langword="null"/> when the certificate chains to the system store or is unknown.
    /// </summary>
    public string? CaBundlePath { get; init; }

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
        return new S3TestServerSettings(uri, accessKey, secretKey, string.IsNullOrEmpty(region) ? "us-east-1" : region, lookup(LogVariable))
        {
            TlsEndpoint = ReadTlsEndpoint(lookup(TlsEndpointVariable)),
            CaBundlePath = ReadCaBundle(lookup(CaBundleVariable)),
        };
    }

    private static Uri? ReadTlsEndpoint(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new Core.Errors.StaticPublishException(Core.Errors.ErrorCodes.InvalidSetting,
                $"{TlsEndpointVariable}='{value}' is not an absolute https:// URL. Set it to the server's HTTPS endpoint, such as https://127.0.0.1:7443, or unset it.");
    }

    private static string? ReadCaBundle(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return File.Exists(value)
            ? value
            : throw new Core.Errors.StaticPublishException(Core.Errors.ErrorCodes.InvalidSetting,
                $"{CaBundleVariable}='{value}' does not exist. Point it at the PEM file of the CA that signs the HTTPS endpoint's certificate, or unset it.");
    }
}
