using StaticPublish.Testing;

namespace StaticPublish.Cli.Tests.Infrastructure;

[TestClass]
public static class TestServer
{
    public static Task<LocalS3Server> GetAsync() => LocalS3Server.GetSharedAsync();

    public static async Task<S3TestBucket> CreateBucketAsync(string prefix) => await (await GetAsync()).CreateBucketAsync(prefix);

    [AssemblyCleanup]
    public static Task StopAsync() => LocalS3Server.DisposeSharedAsync();
}
