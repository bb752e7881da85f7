using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;

namespace StaticPublish.Core.Storage;

/// <summary>
/// The SDK's HTTP client for one S3 client: one connection pool that the client's requests share and reuse, with
/// TLS verification off, a custom CA bundle, or a proxy when configured. The SDK asks for a client per request and
/// gets this factory's one client every time, and never disposes it: disposing the S3 client that
/// <see cref="S3ClientFactory"/> made disposes this factory, its client and the connections they hold.
/// </summary>
internal sealed class S3HttpClientFactory : HttpClientFactory, IDisposable
{
    private readonly bool _verifySsl;
    private readonly string? _caBundlePath;
    private readonly string? _proxyUrl;
    private readonly Lazy<X509Certificate2Collection?> _trustedRoots;
    private readonly Lock _gate = new();
    private HttpClient? _client;

    public S3HttpClientFactory(bool verifySsl, string? caBundlePath, string? proxyUrl)
    {
        _verifySsl = verifySsl;
        _caBundlePath = caBundlePath;
        _proxyUrl = proxyUrl;
        _trustedRoots = new(() => LoadBundle(caBundlePath));
    }

    /// <summary>This factory's one client, made on first use.</summary>
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        ArgumentNullException.ThrowIfNull(clientConfig);
        lock (_gate)
        {
            return _client ??= NewHttpClient(clientConfig);
        }
    }

    /// <summary>Disposes the client and closes its pooled connections; requests after this fail as disposed.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _client?.Dispose();
        }
    }

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string GetConfigUniqueString(IClientConfig clientConfig) =>
        $"staticpublish:{_verifySsl}:{_caBundlePath}:{_proxyUrl}";

    private HttpClient NewHttpClient(IClientConfig clientConfig)
    {
        var verifySsl = _verifySsl;
        var proxyUrl = _proxyUrl;
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // Idle connections of a client nobody disposes close soon instead of holding the store's sockets.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(20),
        };

        if (clientConfig.MaxConnectionsPerServer is { } maxConnections)
        {
            handler.MaxConnectionsPerServer = maxConnections;
        }

        if (!string.IsNullOrEmpty(proxyUrl))
        {
            handler.Proxy = new WebProxy(new Uri(proxyUrl));
            handler.UseProxy = true;
        }

        if (!verifySsl)
        {
            // The user asked for no verification (AWS_S3_VERIFY = False), typically for a self-signed dev store.
#pragma warning disable CA5359 // Deliberate: opt-in setting VerifySsl=false.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (_trustedRoots.Value is { } roots)
        {
            // The bundle replaces the system store as the trust anchors: a certificate the system trusts but the
            // bundle does not is refused, and one that does not name the host (or no certificate) still fails.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0
                && certificate is not null && ChainsTo(certificate, roots);
        }

        return new HttpClient(new SmallBodyExpectHandler(handler)) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private static X509Certificate2Collection? LoadBundle(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        return collection;
    }
}

/// <summary>
/// Sends small bodies straight after their headers. The SDK asks for <c>Expect: 100-continue</c> on every PutObject
/// and UploadPart, so each small object costs a round trip, and the store a wake-up and a write, before its body may
/// follow. Waiting only pays off when a refusal saves sending a large body, so bodies up to
/// <see cref="ExpectContinueLimit"/> go without it; larger ones keep it. The limit is small enough that a body fits
/// in the socket's send buffer, so a store that refuses without reading it still answers instead of resetting.
/// </summary>
internal sealed class SmallBodyExpectHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <summary>The largest body sent without waiting for <c>100 Continue</c>.</summary>
    public const long ExpectContinueLimit = 64 * 1024;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.ExpectContinue == true && request.Content?.Headers.ContentLength is <= ExpectContinueLimit)
        {
            request.Headers.ExpectContinue = false;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
