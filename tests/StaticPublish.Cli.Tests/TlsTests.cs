using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.Core.Errors;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests;

/// <summary>
/// <c>--ca-bundle</c> replaces the system's trust store, as the README says, rather than adding to it. The tool runs
/// as a process with <c>SSL_CERT_FILE</c> naming the local server's test CA, which makes that CA the system's trust
/// store for the process, so the server is trusted by the system; a bundle with another CA must then refuse it.
/// </summary>
[TestClass]
public sealed class TlsTests
{
    [TestMethod]
    public async Task A_CA_bundle_replaces_the_system_trust_store_instead_of_adding_to_it()
    {
        var server = await TestServer.GetAsync();
        if (server.Settings.TlsEndpoint is not { } tls || server.Settings.CaBundlePath is not { } testCa)
        {
            Assert.Inconclusive("The S3 server has no TLS endpoint to test with.");
            return;
        }

        await using var bucket = await server.CreateBucketAsync("sp-cli-tls");
        var folder = Directory.CreateTempSubdirectory("sp-tls-");
        try
        {
            var otherCa = Path.Combine(folder.FullName, "other-ca.pem");
            var key = Path.Combine(folder.FullName, "other-ca.key");
            var openssl = await ChildProcess.RunAsync("openssl",
                ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", otherCa, "-subj", "/CN=Another test CA", "-days", "1"], null);
            Assert.AreEqual(0, openssl.ExitCode, openssl.ToString());
            var environment = Tool.Environment(bucket.EnvironmentVariables, ("STATICPUBLISH_ENDPOINT", tls.ToString().TrimEnd('/')), ("SSL_CERT_FILE", testCa));

            var bySystem = await Tool.RunAsync(environment, "doctor", "--cors", "false");
            var byOtherBundle = await Tool.RunAsync(environment, "doctor", "--cors", "false", "--ca-bundle", otherCa);
            var byRightBundle = await Tool.RunAsync(environment, "doctor", "--cors", "false", "--ca-bundle", testCa);

            Assert.AreEqual(0, bySystem.ExitCode, "the system trust store (SSL_CERT_FILE) trusts the server: " + bySystem);
            Assert.AreEqual(1, byOtherBundle.ExitCode, byOtherBundle.ToString());
            StringAssert.Contains(byOtherBundle.Error, $"error {ErrorCodes.EndpointUnreachable}: ");
            StringAssert.Contains(byOtherBundle.Output + byOtherBundle.Error, "TLS");
            Assert.AreEqual(0, byRightBundle.ExitCode, byRightBundle.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
