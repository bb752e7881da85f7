using StaticPublish.Testing;

namespace StaticPublish.TestUtilities;

/// <summary>
/// A test class with a bucket of its own on the shared local S3 server: created once before the class's first test
/// and deleted, with its objects, after its last. Tests in the class keep apart by key prefix. The type parameter is
/// the class itself, so every class gets its own <see cref="Bucket"/>.
/// </summary>
/// <typeparam name="TSelf">The deriving test class.</typeparam>
#pragma warning disable CA1000 // MSTest calls class fixtures as public statics; the type parameter is what gives each class its own bucket.
public abstract class BucketTestClass<TSelf>
    where TSelf : BucketTestClass<TSelf>
{
    /// <summary>The class's bucket.</summary>
    protected static S3TestBucket Bucket { get; private set; } = null!;

    /// <summary>Creates the bucket, named after the class. The server starts on first use and fails the class loudly if it cannot.</summary>
    [ClassInitialize(InheritanceBehavior.BeforeEachDerivedClass)]
    public static async Task CreateBucketAsync(TestContext context)
    {
        var stem = typeof(TSelf).Name.ToLowerInvariant();
        Bucket = await (await LocalS3Server.GetSharedAsync()).CreateBucketAsync("sp-" + stem[..Math.Min(stem.Length, 24)]);
    }

    /// <summary>Deletes the bucket and everything in it.</summary>
    [ClassCleanup(InheritanceBehavior.BeforeEachDerivedClass)]
    public static async Task DeleteBucketAsync()
    {
        if (Bucket is not null)
        {
            await Bucket.DisposeAsync();
        }
    }
}
#pragma warning restore CA1000
