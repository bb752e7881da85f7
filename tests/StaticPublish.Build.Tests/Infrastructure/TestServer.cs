using StaticPublish.Testing;

namespace StaticPublish.Build.Tests.Infrastructure;

[TestClass]
public static class TestServer
{
    public static Task<LocalS3Server> GetAsync() => LocalS3Server.GetSharedAsync();

    [AssemblyCleanup]
    public static Task StopAsync() => LocalS3Server.DisposeSharedAsync();
}
