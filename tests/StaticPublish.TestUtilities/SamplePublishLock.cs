namespace StaticPublish.TestUtilities;

/// <summary>
/// One `dotnet publish --no-build` of samples/SampleApp at a time across test processes: publishes write the SDK's
/// compressed assets and publish manifests into the sample's shared obj folder, and several test assemblies publish
/// the sample at once.
/// </summary>
public static class SamplePublishLock
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<IDisposable> AcquireAsync()
    {
        var directory = Path.Combine(RepoPaths.SampleApp, "obj");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "staticpublish-tests.publish.lock");
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix, released when the stream closes.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
            catch (IOException e)
            {
                throw new TimeoutException($"Another test process held {path} for more than {Timeout.TotalMinutes:0} minutes.", e);
            }
        }
    }
}
