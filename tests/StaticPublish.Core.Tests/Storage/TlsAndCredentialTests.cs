using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;
using Amazon.S3;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.Testing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Storage;

/// <summary>
/// The storage over HTTPS: the local RGW's TLS endpoint has a certificate from a private test CA, so it is trusted
/// only with <see cref="S3StorageOptions.CaBundlePath"/> or with verification off.
/// </summary>
[TestClass]
public sealed class TlsTests : BucketTestClass<TlsTests>
{
    private static StorageFixture Fixture => new(Bucket);

    [TestMethod]
    public async Task An_untrusted_certificate_is_SPUB1003_naming_TLS()
    {
        var (endpoint, _) = RequireTls(needsCaBundle: true);
        using var storage = Fixture.Storage(o => o.EndpointUrl = endpoint);

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => storage.ListAsync());

        Assert.AreEqual(ErrorCodes.EndpointUnreachable, error.Code);
        StringAssert.Contains(error.Message, "TLS");
        StringAssert.Contains(error.Message, endpoint);
        Assert.IsInstanceOfType<AuthenticationException>(FindInner<AuthenticationException>(error), "the cause is the failed TLS handshake");
    }

    [TestMethod]
    public async Task The_CA_bundle_makes_the_endpoint_trusted_for_requests_and_presigned_URLs()
    {
        var (endpoint, caBundle) = RequireTls(needsCaBundle: true);
        using var storage = Fixture.Storage(o =>
        {
            o.EndpointUrl = endpoint;
            o.CaBundlePath = caBundle;
        });
        var data = Bytes.Random(3000, seed: 11);

        var name = await storage.SaveAsync("tls/ca.bin", new MemoryStream(data));
        await using (var opened = await storage.OpenAsync(name))
        {
            CollectionAssert.AreEqual(data, await Bytes.ReadAllAsync(opened));
        }

        var listing = await storage.ListAsync("tls");
        CollectionAssert.AreEqual(new[] { "ca.bin" }, listing.Files.ToArray());

        var url = new Uri(storage.Url(name));
        Assert.AreEqual(Uri.UriSchemeHttps, url.Scheme);
        Assert.AreEqual(new Uri(endpoint).Authority, url.Authority);
        using (var trusting = HttpClientTrusting(caBundle!))
        {
            CollectionAssert.AreEqual(data, await trusting.GetByteArrayAsync(url));
        }

        using var systemTrust = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => systemTrust.GetByteArrayAsync(url), "the system store does not trust the test CA");
    }

    [TestMethod]
    public async Task The_CA_bundle_does_not_trust_a_certificate_for_another_host_name()
    {
        // The certificate chains to the bundle's CA but names 127.0.0.1 and localhost only. SocketsHttpHandler
        // validates the TLS name against the Host header, so a Host the certificate does not name must fail.
        var (endpoint, caBundle) = RequireTls(needsCaBundle: true);
        var factory = new S3HttpClientFactory(verifySsl: true, caBundle, proxyUrl: null);
        using var client = factory.CreateHttpClient(new AmazonS3Config());

        using var right = new HttpRequestMessage(HttpMethod.Get, endpoint);
        right.Headers.Host = "localhost";
        using var wrong = new HttpRequestMessage(HttpMethod.Get, endpoint);
        wrong.Headers.Host = "not-in-the-certificate.example";

        using (var response = await client.SendAsync(right))
        {
            Assert.AreNotEqual(0, (int)response.StatusCode, "RGW answers over TLS");
        }

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(wrong));
        Assert.IsNotNull(FindInner<AuthenticationException>(error), $"a TLS failure, not {error}");
    }

    [TestMethod]
    public async Task VerifySsl_false_accepts_the_untrusted_certificate()
    {
        var (endpoint, _) = RequireTls(needsCaBundle: false);
        using var storage = Fixture.Storage(o =>
        {
            o.EndpointUrl = endpoint;
            o.VerifySsl = false;
        });
        var data = Bytes.Random(2000, seed: 12);

        var name = await storage.SaveAsync("tls/noverify.bin", new MemoryStream(data));
        await using var opened = await storage.OpenAsync(name);

        CollectionAssert.AreEqual(data, await Bytes.ReadAllAsync(opened));
        Assert.IsTrue(await storage.ExistsAsync(name));
        Assert.StartsWith("https://", storage.Url(name));
    }

    private static (string Endpoint, string? CaBundle) RequireTls(bool needsCaBundle)
    {
        var server = Fixture.Bucket.Server;
        var settings = server.Settings;
        if (settings.TlsEndpoint is null || (needsCaBundle && settings.CaBundlePath is null))
        {
            var missing = settings.TlsEndpoint is null ? S3TestServerSettings.TlsEndpointVariable : S3TestServerSettings.CaBundleVariable;
            if (!server.IsExternal)
            {
                Assert.Fail($"local-s3.sh printed no {missing} line; the local RGW should always have a TLS endpoint.");
            }

            Assert.Inconclusive($"The external S3 server {settings.Endpoint} has no {missing}: set it to test TLS.");
        }

        return (settings.TlsEndpoint.ToString().TrimEnd('/'), settings.CaBundlePath);
    }

    private static HttpClient HttpClientTrusting(string caBundle)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caBundle);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is not X509Certificate2 leaf)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(leaf);
        };
        return new HttpClient(handler);
    }

    private static T? FindInner<T>(Exception error)
        where T : Exception
    {
        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }

        return null;
    }
}

/// <summary>
/// Where credentials come from when the options carry no keys: the SDK's environment variables, or a named profile
/// in a shared credentials file. These tests change process-wide state (environment variables and the SDK's
/// profiles location), so they never run in parallel with other tests, and restore everything they touch.
/// </summary>
/// <remarks>
/// <para>
/// AWSSDK.Core reads <c>AWS_SHARED_CREDENTIALS_FILE</c> and <c>AWS_CONFIG_FILE</c> once per process, in
/// <c>SharedCredentialsFile</c>'s static constructor, which runs as soon as the first SDK client is configured (the
/// shared test server's). Setting the variable inside a test therefore changes nothing. The profile tests use the
/// SDK's per-lookup equivalent, <see cref="Amazon.AWSConfigs.AWSProfilesLocation"/>, and each writes its own file.
/// </para>
/// <para>
/// The SDK's default chain caches what it resolves, once per process. The environment-variable source it caches
/// re-reads the variables on use, so the default-chain test holds unless another test resolved the chain to a
/// profile or an instance role first; no test in this assembly does.
/// </para>
/// </remarks>
[TestClass]
[DoNotParallelize]
public sealed class CredentialChainTests : BucketTestClass<CredentialChainTests>
{
    private static readonly string[] AwsVariables =
    [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_CONFIG_FILE",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_ROLE_ARN",
    ];

    private static StorageFixture Fixture => new(Bucket);

    [TestMethod]
    public async Task Without_keys_the_SDK_chain_takes_them_from_the_environment()
    {
        var settings = Fixture.Bucket.Server.Settings;
        using var environment = new EnvironmentScope(AwsVariables);
        environment.Set("AWS_ACCESS_KEY_ID", settings.AccessKey);
        environment.Set("AWS_SECRET_ACCESS_KEY", settings.SecretKey);
        var options = WithoutKeys();

        Assert.IsNull(S3ClientFactory.ResolveCredentials(options), "no explicit credentials: the SDK's chain decides");
        await AssertRoundTripAsync(options);
    }

    [TestMethod]
    public async Task A_profile_in_the_shared_credentials_file_is_used()
    {
        var settings = Fixture.Bucket.Server.Settings;
        using var environment = new EnvironmentScope(AwsVariables);
        using var files = new TempDirectory();
        environment.UseProfilesFile(files.Write("credentials", $"""
            [default]
            aws_access_key_id = not-the-test-key
            aws_secret_access_key = not-the-test-secret

            [sp-test-profile]
            aws_access_key_id = {settings.AccessKey}
            aws_secret_access_key = {settings.SecretKey}
            """));
        var options = WithoutKeys(o => o.Profile = "sp-test-profile");

        var resolved = S3ClientFactory.ResolveCredentials(options);

        Assert.IsNotNull(resolved);
        Assert.AreEqual(settings.AccessKey, (await resolved.GetCredentialsAsync()).AccessKey);
        await AssertRoundTripAsync(options);
    }

    [TestMethod]
    public void A_profile_missing_from_the_shared_credentials_file_is_SPUB1009_naming_it()
    {
        using var environment = new EnvironmentScope(AwsVariables);
        using var files = new TempDirectory();
        environment.UseProfilesFile(files.Write("credentials", """
            [sp-test-profile]
            aws_access_key_id = some-key
            aws_secret_access_key = some-secret
            """));
        var missing = "sp-missing-" + Guid.NewGuid().ToString("N")[..8];

        var error = Assert.ThrowsExactly<StaticPublishException>(() => new S3Storage(WithoutKeys(o => o.Profile = missing)));

        Assert.AreEqual(ErrorCodes.CredentialsNotFound, error.Code);
        StringAssert.Contains(error.Message, $"'{missing}'");
        StringAssert.Contains(error.Message, "Profile");
    }

    [TestMethod]
    public async Task Explicit_keys_with_a_session_token_are_session_credentials()
    {
        var withToken = S3ClientFactory.ResolveCredentials(new S3StorageOptions
        {
            BucketName = "assets",
            AccessKey = "AKIDEXAMPLE",
            SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            SessionToken = "session-token-example",
            Profile = "ignored-when-keys-are-set",
        });
        var withoutToken = S3ClientFactory.ResolveCredentials(new S3StorageOptions
        {
            BucketName = "assets",
            AccessKey = "AKIDEXAMPLE",
            SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        });

        var session = Assert.IsInstanceOfType<SessionAWSCredentials>(withToken);
        var immutable = await session.GetCredentialsAsync();
        Assert.AreEqual("AKIDEXAMPLE", immutable.AccessKey);
        Assert.AreEqual("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", immutable.SecretKey);
        Assert.AreEqual("session-token-example", immutable.Token);
        Assert.IsTrue(immutable.UseToken);
        Assert.IsInstanceOfType<BasicAWSCredentials>(withoutToken);
        Assert.IsFalse((await withoutToken.GetCredentialsAsync()).UseToken);
    }

    private static S3StorageOptions WithoutKeys(Action<S3StorageOptions>? configure = null) => Fixture.Options(o =>
    {
        o.AccessKey = null;
        o.SecretKey = null;
        configure?.Invoke(o);
    });

    private static async Task AssertRoundTripAsync(S3StorageOptions options)
    {
        using var storage = new S3Storage(options);
        var data = Bytes.Random(500, seed: 21);

        var name = await storage.SaveAsync("cred/object.bin", new MemoryStream(data));
        await using var opened = await storage.OpenAsync(name);

        CollectionAssert.AreEqual(data, await Bytes.ReadAllAsync(opened));
    }

    /// <summary>
    /// Clears the listed environment variables, sets some, and restores all of them and the SDK's profiles location
    /// on dispose.
    /// </summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _saved;
        private readonly string? _savedProfilesLocation = Amazon.AWSConfigs.AWSProfilesLocation;

        public EnvironmentScope(IEnumerable<string> names)
        {
            _saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
            foreach (var name in _saved.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }

        public void Set(string name, string? value)
        {
            if (!_saved.ContainsKey(name))
            {
                _saved[name] = Environment.GetEnvironmentVariable(name);
            }

            Environment.SetEnvironmentVariable(name, value);
        }

        /// <summary>
        /// Points profile lookups at a credentials file. The variable is set too, for child processes; the SDK in
        /// this process has already read it (see the class remarks).
        /// </summary>
        public void UseProfilesFile(string path)
        {
            Set("AWS_SHARED_CREDENTIALS_FILE", path);
            Amazon.AWSConfigs.AWSProfilesLocation = path;
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            Amazon.AWSConfigs.AWSProfilesLocation = _savedProfilesLocation;
        }
    }

    private sealed class TempDirectory : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("sp-cred-").FullName;

        public string Write(string name, string content)
        {
            var path = Path.Combine(_path, name);
            File.WriteAllText(path, content);
            return path;
        }

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
