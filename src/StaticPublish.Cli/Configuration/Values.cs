using System.Globalization;
using StaticPublish.Core.Settings;

namespace StaticPublish.Cli.Configuration;

/// <summary>Parsers for options that are not settings (sign-url's); every failure is one <c>SPUB2003</c> naming the option.</summary>
internal static class Values
{
    public static string Text(string text, string name) => text.Trim();

    /// <summary>A point in time: an ISO 8601 date-time, or a duration from now (<c>10m</c>).</summary>
    public static DateTimeOffset Instant(string text, string name)
    {
        var trimmed = text.Trim();
        if (trimmed == "0" || SettingText.IsUnitDuration(trimmed))
        {
            var duration = SettingText.Duration(trimmed, name);
            return duration < DateTimeOffset.MaxValue - DateTimeOffset.UtcNow
                ? DateTimeOffset.UtcNow + duration
                : throw SettingText.Invalid(name, text, "a point in time before the year 9999");
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw SettingText.Invalid(name, text, "an ISO 8601 date-time such as 2026-01-31T12:00:00Z, or a duration from now such as 10m");
    }

    /// <summary>One of <paramref name="choices"/>, in any case.</summary>
    public static Func<string, string, string> Choice(params string[] choices) => (text, name) =>
    {
        var value = text.Trim().ToLowerInvariant();
        return choices.Contains(value, StringComparer.Ordinal) ? value : throw SettingText.Invalid(name, text, string.Join(" or ", choices));
    };
}
