namespace StaticPublish.AspNetCore.Tests.Infrastructure;

/// <summary>
/// One `dotnet publish --no-build` of samples/SampleApp at a time across test processes: publishes write the SDK's
/// compressed assets and publish manifests into the sample's shared obj folder, and the browser tests publish the
/// same project while these run. StaticPublish.Browser.Tests takes the same lock file.
/// </summary>
internal static class SamplePublishLock
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<IDisposable> AcquireAsync(string sampleDirectory)
    {
        var directory = Path.Combine(sampleDirectory, "obj");
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
