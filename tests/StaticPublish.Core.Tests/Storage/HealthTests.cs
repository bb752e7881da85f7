using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Storage;

[TestClass]
public sealed class HealthTests : BucketTestClass<HealthTests>
{
    private static StorageFixture Fixture => new(Bucket);

    [TestMethod]
    public async Task A_reachable_bucket_is_healthy_and_converts_to_true()
    {
        using var storage = Fixture.Storage();
        await storage.SaveAsync("probe.txt", new MemoryStream([1]));

        var bucket = await storage.CheckHealthAsync();
        var probe = await storage.CheckHealthAsync("probe.txt");

        Assert.IsTrue(bucket);
        Assert.IsTrue(probe);
        StringAssert.Contains(bucket.Reason, Fixture.Bucket.BucketName);
        StringAssert.Contains(probe.Reason, storage.GetKey("probe.txt"));
    }

    [TestMethod]
    public async Task A_missing_probe_object_is_unhealthy_with_the_reason()
    {
        using var storage = Fixture.Storage();

        var status = await storage.CheckHealthAsync("missing.css");

        Assert.IsFalse(status);
        Assert.AreEqual(ErrorCodes.ObjectNotFound, status.ErrorCode);
        StringAssert.Contains(status.Reason, storage.GetKey("missing.css"));
    }

    [TestMethod]
    public async Task Failures_never_throw_and_carry_their_code()
    {
        using var missingBucket = new S3Storage(Fixture.Bucket.Server.CreateOptions("sp-missing-" + Guid.NewGuid().ToString("N")[..10]));
        using var unreachable = Fixture.Storage(o => o.EndpointUrl = "http://127.0.0.1:9");
        using var badKeys = Fixture.Storage(o => o.SecretKey = "wrong");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var noBucket = await missingBucket.CheckHealthAsync();
        var noServer = await unreachable.CheckHealthAsync();
        var denied = await badKeys.CheckHealthAsync();
        var noTime = await Fixture.Storage().CheckHealthAsync(cancellationToken: cancelled.Token);

        Assert.AreEqual(ErrorCodes.BucketNotFound, noBucket.ErrorCode, noBucket.Reason);
        Assert.AreEqual(ErrorCodes.EndpointUnreachable, noServer.ErrorCode, noServer.Reason);
        Assert.AreEqual(ErrorCodes.InvalidCredentials, denied.ErrorCode, denied.Reason);
        Assert.IsFalse(noTime);
        StringAssert.Contains(noTime.Reason, "cancelled");
    }
}
