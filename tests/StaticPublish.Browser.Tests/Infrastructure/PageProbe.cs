using System.Collections.Concurrent;
using System.Text;
using Microsoft.Playwright;

namespace StaticPublish.Browser.Tests.Infrastructure;

/// <summary>
/// A page loaded in its own browser context, with everything a person would notice going wrong recorded: console
/// errors, uncaught exceptions, failed requests (CORS, SRI, MIME and network blocks all end up there) and error
/// responses, plus every request with its resource type. A page counts as working only when none of those happened
/// and its stylesheets, scripts, images and fonts all came from the CDN.
/// </summary>
internal sealed class PageProbe : IAsyncDisposable
{
    private static readonly HashSet<string> AssetTypes = new(StringComparer.Ordinal) { "stylesheet", "script", "image", "font" };

    private readonly IBrowserContext _context;
    private readonly TestContext _test;
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<string> _pageErrors = new();
    private readonly ConcurrentQueue<string> _failedRequests = new();
    private readonly ConcurrentQueue<string> _errorResponses = new();
    private readonly ConcurrentQueue<PageRequest> _requests = new();
    private bool _screenshotTaken;

    private PageProbe(IBrowserContext context, IPage page, TestContext test)
    {
        _context = context;
        _test = test;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Enqueue($"{message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => _pageErrors.Enqueue(error);
        page.Request += (_, request) => _requests.Enqueue(new PageRequest(request.Url, request.ResourceType));
        page.RequestFailed += (_, request) => _failedRequests.Enqueue($"{request.Method} {request.Url} [{request.ResourceType}]: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _errorResponses.Enqueue($"HTTP {response.Status} {response.Request.Method} {response.Url} [{response.Request.ResourceType}]");
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors => [.. _consoleErrors];

    public IReadOnlyList<string> FailedRequests => [.. _failedRequests];

    public IReadOnlyList<PageRequest> Requests => [.. _requests];

    /// <summary>Opens <paramref name="url"/> in a fresh context (no shared cache) and waits until the network is idle.</summary>
    /// <param name="browser">The shared browser.</param>
    /// <param name="url">The page.</param>
    /// <param name="test">The test, for its screenshots.</param>
    /// <param name="prepare">Runs on the page before it navigates, e.g. to route requests.</param>
    public static async Task<PageProbe> OpenAsync(IBrowser browser, Uri url, TestContext test, Func<IPage, Task>? prepare = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        var probe = new PageProbe(context, page, test);
        if (prepare is not null)
        {
            await prepare(page);
        }

        var response = await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        if (response is null || response.Status != 200)
        {
            await probe.FailAsync($"GET {url} answered {response?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}");
        }

        return probe;
    }

    /// <summary>
    /// What keeps the page from counting as working: failed requests, error responses, console errors, uncaught
    /// exceptions, and assets (stylesheets, scripts, images, fonts) that did not come from <paramref name="assetBaseUrl"/>.
    /// The document and the app's other endpoints are the app's own and may come from its origin.
    /// </summary>
    public IReadOnlyList<string> Problems(string assetBaseUrl, IReadOnlyCollection<string>? appEndpoints = null)
    {
        var problems = new List<string>();
        problems.AddRange(_failedRequests.Select(r => "request failed: " + r));
        problems.AddRange(_errorResponses.Select(r => "error response: " + r));
        problems.AddRange(_consoleErrors.Select(e => "console error: " + e));
        problems.AddRange(_pageErrors.Select(e => "uncaught error: " + e));
        problems.AddRange(_requests
            .Where(r => AssetTypes.Contains(r.ResourceType) && r.Url.StartsWith("http", StringComparison.Ordinal)
                && !r.Url.StartsWith(assetBaseUrl, StringComparison.Ordinal))
            .Where(r => !IsAppEndpoint(r.Url, appEndpoints))
            .Select(r => $"{r.ResourceType} not from the CDN ({assetBaseUrl}): {r.Url}"));
        // Blazor WebAssembly fetches the runtime, assemblies and ICU data from _framework/: they are published files too.
        problems.AddRange(_requests
            .Where(r => r.Url.Contains("/_framework/", StringComparison.Ordinal) && !r.Url.StartsWith(assetBaseUrl, StringComparison.Ordinal)
                && !AssetTypes.Contains(r.ResourceType) && !IsAppEndpoint(r.Url, appEndpoints))
            .Select(r => $"_framework {r.ResourceType} not from the CDN ({assetBaseUrl}): {r.Url}"));
        return problems;
    }

    /// <summary>
    /// Waits for the network to settle, attaches a full-page screenshot, and fails with every problem listed unless
    /// there are none and the page really loaded stylesheets and scripts from the CDN.
    /// </summary>
    /// <param name="assetBaseUrl">Where assets must come from.</param>
    /// <param name="appEndpoints">
    /// Path prefixes of what the app generates at run time rather than publishes (e.g. Blazor's
    /// <c>/_framework/resource-collection.</c>), which may come from the app's origin; each caller says why.
    /// </param>
    public async Task AssertWorksAsync(string assetBaseUrl, IReadOnlyCollection<string>? appEndpoints = null)
    {
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AttachScreenshotAsync();
        var problems = Problems(assetBaseUrl, appEndpoints);
        if (problems.Count > 0)
        {
            Assert.Fail($"{Page.Url} does not work in Chromium ({problems.Count} problems):\n  {string.Join("\n  ", problems)}\n{Describe()}");
        }

        foreach (var type in new[] { "stylesheet", "script" })
        {
            Assert.IsTrue(_requests.Any(r => r.ResourceType == type && r.Url.StartsWith(assetBaseUrl, StringComparison.Ordinal)),
                $"{Page.Url} loaded no {type} from the CDN ({assetBaseUrl}), so the check above proves nothing.\n{Describe()}");
        }
    }

    /// <summary>
    /// Polls <paramref name="predicate"/> (a JavaScript function) until it is truthy, and fails with the page's record
    /// when it is not within the timeout, or as soon as the page has a problem: the page fails either way then, and
    /// waiting out the timeout would only slow every broken run down.
    /// </summary>
    public async Task WaitForAsync(string predicate, string what, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await Page.EvaluateAsync<bool>($"async () => !!(await ({predicate})())"))
        {
            if (!_failedRequests.IsEmpty || !_errorResponses.IsEmpty || !_consoleErrors.IsEmpty || !_pageErrors.IsEmpty)
            {
                await FailAsync($"{what} has not happened ({predicate}), and the page already has problems");
            }

            if (DateTime.UtcNow > deadline)
            {
                await FailAsync($"{what} did not happen within {timeoutSeconds} s ({predicate})");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static bool IsAppEndpoint(string url, IReadOnlyCollection<string>? appEndpoints) =>
        appEndpoints is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && appEndpoints.Any(prefix => uri.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>A computed style property of the first element matching <paramref name="selector"/>.</summary>
    public async Task<string> StyleAsync(string selector, string property)
    {
        var value = await Page.EvaluateAsync<string?>(
            "([selector, property]) => { const e = document.querySelector(selector); return e ? getComputedStyle(e).getPropertyValue(property) : null; }",
            new[] { selector, property });
        if (value is null)
        {
            await FailAsync($"no element matches '{selector}'");
        }

        return value!;
    }

    /// <summary>Saves a full-page screenshot and attaches it to the test result (once per probe).</summary>
    public async Task AttachScreenshotAsync()
    {
        if (_screenshotTaken)
        {
            return;
        }

        _screenshotTaken = true;
        var directory = _test.TestResultsDirectory ?? Path.GetTempPath();
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{_test.TestName}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _test.AddResultFile(path);
    }

    /// <summary>Attaches a screenshot, then fails with <paramref name="message"/> and everything the page recorded.</summary>
    public async Task FailAsync(string message)
    {
        await AttachScreenshotAsync();
        Assert.Fail($"{Page.Url}: {message}\n{Describe()}");
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    /// <summary>Everything recorded, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        Section("console errors", _consoleErrors);
        Section("uncaught errors", _pageErrors);
        Section("failed requests", _failedRequests);
        Section("error responses", _errorResponses);
        Section("requests", _requests.Select(r => $"[{r.ResourceType}] {r.Url}"));
        return text.ToString();

        void Section(string title, IEnumerable<string> lines)
        {
            var list = lines.ToList();
            text.Append("--- ").Append(title).Append(" (").Append(list.Count).Append(") ---\n");
            foreach (var line in list)
            {
                text.Append("  ").Append(line).Append('\n');
            }
        }
    }
}
