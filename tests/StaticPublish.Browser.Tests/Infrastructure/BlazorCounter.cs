using System.Globalization;

namespace StaticPublish.Browser.Tests.Infrastructure;

/// <summary>The template's counter (<c>p[role=status]</c> and <c>button.btn-primary</c>), clicked as a person would.</summary>
internal static class BlazorCounter
{
    /// <summary>Clicks until the interactive runtime has attached (a click before that changes nothing), then checks one click counts one.</summary>
    public static async Task ClickUntilCountedAsync(PageProbe probe)
    {
        var status = probe.Page.Locator("[role=status]");
        var button = probe.Page.Locator("button.btn-primary");
        await probe.WaitForAsync("() => document.querySelector('[role=status]') !== null", "the counter rendering");
        for (var attempt = 0; attempt < 100 && await status.InnerTextAsync() == "Current count: 0"; attempt++)
        {
            await button.ClickAsync();
            await Task.Delay(200);
        }

        var before = await status.InnerTextAsync();
        if (before == "Current count: 0")
        {
            await probe.FailAsync("the counter never counted a click: the interactive runtime did not start");
        }

        var count = int.Parse(before["Current count: ".Length..], CultureInfo.InvariantCulture);
        await button.ClickAsync();
        await probe.WaitForAsync($"() => document.querySelector('[role=status]').textContent === 'Current count: {count + 1}'", "one more click counted");
    }
}
