using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;

namespace StaticPublish.Core.Tests.Storage;

[TestClass]
public sealed class HealthTests
{
    private static StorageFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext _) => _fixture = await StorageFixture.CreateAsync("sp-health");

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        if (_fixture is not null)
        {
            await _fixture.Bucket.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task A_reachable_bucket_is_healthy_and_converts_to_true()
    {
        using var storage = _fixture.Storage();
        await storage.SaveAsync("probe.txt", new MemoryStream([1]));

        var bucket = await storage.CheckHealthAsync();
        var probe = await storage.CheckHealthAsync("probe.txt");

        Assert.IsTrue(bucket);
        Assert.IsTrue(probe);
        StringAssert.Contains(bucket.Reason, _fixture.Bucket.BucketName);
        StringAssert.Contains(probe.Reason, storage.GetKey("probe.txt"));
    }

    [TestMethod]
    public async Task A_missing_probe_object_is_unhealthy_with_the_reason()
    {
        using var storage = _fixture.Storage();

        var status = await storage.CheckHealthAsync("missing.css");

        Assert.IsFalse(status);
        Assert.AreEqual(ErrorCodes.ObjectNotFound, status.ErrorCode);
        StringAssert.Contains(status.Reason, storage.GetKey("missing.css"));
    }

    [TestMethod]
    public async Task Failures_never_throw_and_carry_their_code()
    {
        using var missingBucket = new S3Storage(_fixture.Bucket.Server.CreateOptions("sp-missing-" + Guid.NewGuid().ToString("N")[..10]));
        using var unreachable = _fixture.Storage(o => o.EndpointUrl = "http://127.0.0.1:9");
        using var badKeys = _fixture.Storage(o => o.SecretKey = "wrong");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var noBucket = await missingBucket.CheckHealthAsync();
        var noServer = await unreachable.CheckHealthAsync();
        var denied = await badKeys.CheckHealthAsync();
        var noTime = await _fixture.Storage().CheckHealthAsync(cancellationToken: cancelled.Token);

        Assert.AreEqual(ErrorCodes.BucketNotFound, noBucket.ErrorCode, noBucket.Reason);
        Assert.AreEqual(ErrorCodes.EndpointUnreachable, noServer.ErrorCode, noServer.Reason);
        Assert.AreEqual(ErrorCodes.InvalidCredentials, denied.ErrorCode, denied.Reason);
        Assert.IsFalse(noTime);
        StringAssert.Contains(noTime.Reason, "cancelled");
    }
}
