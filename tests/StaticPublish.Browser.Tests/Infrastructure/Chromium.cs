using Microsoft.Playwright;

namespace StaticPublish.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. Playwright's own browser downloads are not used (they cannot be fetched
/// here, and CI installs Debian's package instead), so the executable is always given explicitly.
/// </summary>
internal static class Chromium
{
    /// <summary>Overrides the Chromium (or Chrome) executable.</summary>
    public const string Variable = "STATICPUBLISH_CHROMIUM";

    /// <summary>
    /// The real binary of Debian's chromium package. /usr/bin/chromium is a shell wrapper that sources
    /// /etc/chromium.d and adds flags of its own (remote extensions, extension loading).
    /// </summary>
    public const string DebianBinary = "/usr/lib/chromium/chromium";

    // --no-sandbox: tests run as root, where Chromium's sandbox refuses to start.
    // --disable-gpu: there is no GPU; software rendering is enough for computed styles and screenshots.
    // --disable-quic and the background switches: without them Chromium keeps calling Google services (component
    // updates, sync, field trials), which fail on a machine without internet access and add noise and time.
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>The executable: <see cref="Variable"/> if set, else Debian's binary. Fails the run loudly when missing.</summary>
    public static string FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured))
        {
            if (!File.Exists(configured))
            {
                Assert.Fail($"{Variable}='{configured}' does not exist. Point it at a Chromium or Chrome executable, or unset it to use Debian's {DebianBinary}.");
            }

            return configured;
        }

        if (!File.Exists(DebianBinary))
        {
            Assert.Fail($"Chromium was not found at {DebianBinary}. The browser tests need a real Chromium: install Debian's with 'apt-get install chromium' (.ci/run does), or set {Variable} to a Chromium or Chrome executable.");
        }

        return DebianBinary;
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string executable) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            ChromiumSandbox = false,
            Args = Flags,
            Timeout = 60_000,
        });
}
