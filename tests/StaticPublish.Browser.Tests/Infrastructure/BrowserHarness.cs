using Microsoft.Playwright;
using StaticPublish.Testing;

namespace StaticPublish.Browser.Tests.Infrastructure;

/// <summary>
/// Once per run: the local S3 server, a bucket, the sample published to it with the README's command, the published
/// app running as a process on its own origin (127.0.0.1 on a free port, while the assets are on the S3 endpoint's
/// origin), and one headless Chromium shared by every test.
/// </summary>
[TestClass]
public static class BrowserHarness
{
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static LocalS3Server? _server;
    private static S3TestBucket? _bucket;
    private static SamplePublish? _sample;
    private static SampleAppProcess? _app;
    private static S3TestBucket? _blazorBucket;
    private static BlazorSamplePublish? _blazor;
    private static SampleAppProcess? _blazorApp;

    public static IBrowser Browser => _browser ?? throw NotReady();

    public static LocalS3Server Server => _server ?? throw NotReady();

    internal static SamplePublish Sample => _sample ?? throw NotReady();

    internal static SampleAppProcess App => _app ?? throw NotReady();

    internal static BlazorSamplePublish Blazor => _blazor ?? throw NotReady();

    internal static SampleAppProcess BlazorApp => _blazorApp ?? throw NotReady();

    /// <summary>Where the pages' assets must come from: the manifest's base URL (the bucket and prefix).</summary>
    public static string AssetBaseUrl => Sample.Manifest.BaseUrl;

    [AssemblyInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;

        // Before the slow publish: a machine without Chromium fails at once, naming the package.
        var executable = Chromium.FindExecutable();
        _server = await LocalS3Server.GetSharedAsync(cancellationToken);
        _bucket = await _server.CreateBucketAsync("sp-browser", cancellationToken);
        _blazorBucket = await _server.CreateBucketAsync("sp-blazor", cancellationToken);

        // Chromium starts while the samples publish; all finish before a failure of any reaches the cleanup.
        var publish = SamplePublish.RunAsync(_bucket);
        var blazor = BlazorSamplePublish.RunAsync(_blazorBucket);
        var launch = LaunchAsync(executable);
        try
        {
            await Task.WhenAll(publish, blazor, launch);
        }
        finally
        {
            _sample = publish.IsCompletedSuccessfully ? publish.Result : null;
            _blazor = blazor.IsCompletedSuccessfully ? blazor.Result : null;
        }

        _app = await SampleAppProcess.StartAsync(_sample!.Directory, cancellationToken: cancellationToken);
        _blazorApp = await SampleAppProcess.StartAsync(_blazor!.Directory, assembly: "BlazorSample.dll", cancellationToken: cancellationToken);
    }

    [AssemblyCleanup]
    public static async Task CleanupAsync()
    {
        try
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }

            if (_blazorApp is not null)
            {
                await _blazorApp.DisposeAsync();
            }

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

            if (_sample is not null)
            {
                Directory.Delete(_sample.Directory, recursive: true);
            }

            if (_blazor is not null)
            {
                Directory.Delete(_blazor.Directory, recursive: true);
            }

            FreshApps.Cleanup();
        }
        finally
        {
            await LocalS3Server.DisposeSharedAsync();
        }
    }

    private static async Task LaunchAsync(string executable)
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright, executable);
    }

    private static InvalidOperationException NotReady() => new("The browser harness is not initialised; see the [AssemblyInitialize] failure.");
}
