using StaticPublish.Testing;

namespace StaticPublish.Core.Tests.Infrastructure;

/// <summary>
/// The shared S3 server for this test assembly. Integration test classes ask for it in [ClassInitialize], so unit
/// tests still run (and report) without it, while every integration test fails loudly when it cannot start.
/// </summary>
[TestClass]
public static class TestServer
{
    public static Task<LocalS3Server> GetAsync() => LocalS3Server.GetSharedAsync();

    public static async Task<S3TestBucket> CreateBucketAsync(string prefix = "sp-core")
    {
        var server = await GetAsync();
        return await server.CreateBucketAsync(prefix);
    }

    [AssemblyCleanup]
    public static Task StopAsync() => LocalS3Server.DisposeSharedAsync();
}
