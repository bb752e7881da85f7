using Microsoft.Playwright;
using StaticPublish.Testing;

namespace StaticPublish.Browser.Tests.Infrastructure;

/// <summary>
/// Once per run: the local S3 server, one headless Chromium shared by every test, and the two samples, each published
/// to a bucket of its own with the README's command and run as a process on its own origin (127.0.0.1 on a free
/// port, while the assets are on the S3 endpoint's origin). The samples publish in the background: the fresh-template
/// tests, which need neither, start at once, and the classes that use a sample wait for it in their
/// <c>[ClassInitialize]</c> (<see cref="SampleReady"/>, <see cref="BlazorReady"/>), failing with its error.
/// </summary>
[TestClass]
public static class BrowserHarness
{
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static LocalS3Server? _server;
    private static S3TestBucket? _bucket;
    private static S3TestBucket? _blazorBucket;
    private static Task<RunningSample<SamplePublish>>? _sample;
    private static Task<RunningSample<BlazorSamplePublish>>? _blazor;

    public static IBrowser Browser => _browser ?? throw NotReady();

    public static LocalS3Server Server => _server ?? throw NotReady();

    /// <summary>Completes when samples/SampleApp is published and running; throws what stopped it.</summary>
    public static Task SampleReady => _sample ?? throw NotReady();

    /// <summary>Completes when samples/BlazorSample is published and running; throws what stopped it.</summary>
    public static Task BlazorReady => _blazor ?? throw NotReady();

    internal static SamplePublish Sample => Ready(_sample).Publish;

    internal static SampleAppProcess App => Ready(_sample).App;

    internal static BlazorSamplePublish Blazor => Ready(_blazor).Publish;

    internal static SampleAppProcess BlazorApp => Ready(_blazor).App;

    /// <summary>Where the pages' assets must come from: the manifest's base URL (the bucket and prefix).</summary>
    public static string AssetBaseUrl => Sample.Manifest.BaseUrl;

    [AssemblyInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;

        // Before the slow publishes: a machine without Chromium fails at once, naming the package.
        var executable = Chromium.FindExecutable();
        _server = await LocalS3Server.GetSharedAsync(cancellationToken);
        _bucket = await _server.CreateBucketAsync("sp-browser", cancellationToken);
        _blazorBucket = await _server.CreateBucketAsync("sp-blazor", cancellationToken);

        // Not awaited here: this method's token ends with it, and the tests wait for what they use.
        _sample = StartAsync(SamplePublish.RunAsync(_bucket), p => p.Directory, "SampleApp.dll");
        _blazor = StartAsync(BlazorSamplePublish.RunAsync(_blazorBucket), p => p.Directory, "BlazorSample.dll");

        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright, executable);
    }

    [AssemblyCleanup]
    public static async Task CleanupAsync()
    {
        try
        {
            await StopAsync(_sample, p => p.Directory);
            await StopAsync(_blazor, p => p.Directory);
            if (_browser is not null)
            {
                await _browser.CloseAsync();
            }

            _playwright?.Dispose();
            if (_bucket is not null)
            {
                await _bucket.DisposeAsync();
            }

            if (_blazorBucket is not null)
            {
                await _blazorBucket.DisposeAsync();
            }

            FreshApps.Cleanup();
        }
        finally
        {
            await LocalS3Server.DisposeSharedAsync();
        }
    }

    private static async Task<RunningSample<T>> StartAsync<T>(Task<T> publishing, Func<T, string> directory, string assembly)
    {
        var publish = await publishing;
        try
        {
            return new RunningSample<T>(publish, await SampleAppProcess.StartAsync(directory(publish), assembly: assembly));
        }
        catch
        {
            Directory.Delete(directory(publish), recursive: true);
            throw;
        }
    }

    private static async Task StopAsync<T>(Task<RunningSample<T>>? sample, Func<T, string> directory)
    {
        if (sample is null)
        {
            return;
        }

        // A sample that failed to start was reported by every test that needed it, and left nothing behind.
        await ((Task)sample).ContinueWith(static _ => { }, TaskScheduler.Default);
        if (sample.IsCompletedSuccessfully)
        {
            await sample.Result.App.DisposeAsync();
            Directory.Delete(directory(sample.Result.Publish), recursive: true);
        }
    }

    private static RunningSample<T> Ready<T>(Task<RunningSample<T>>? sample) =>
        sample is { IsCompletedSuccessfully: true } ? sample.Result : throw NotReady();

    private static InvalidOperationException NotReady() =>
        new("The browser harness is not initialised: see the [AssemblyInitialize] failure, or await BrowserHarness.SampleReady or BlazorReady in [ClassInitialize].");

    private sealed record RunningSample<T>(T Publish, SampleAppProcess App);
}
