using System.Globalization;
using System.Text.RegularExpressions;
using StaticPublish.Core.Errors;

namespace StaticPublish.Cli.Configuration;

/// <summary>Parses option and environment values; every failure is one <c>SPUB2003</c> naming the option or variable.</summary>
internal static partial class Values
{
    public static string Text(string text, string name) => text.Trim();

    public static bool Flag(string text, string name) => text.Trim().ToLowerInvariant() switch
    {
        "" or "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw Invalid(name, text, "true or false"),
    };

    public static int Integer(string text, string name) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(name, text, "a whole number");

    /// <summary>A duration such as <c>30s</c>, <c>15m</c>, <c>12h</c>, <c>7d</c>, <c>1d12h</c>, <c>0</c> or <c>01:30:00</c>.</summary>
    public static TimeSpan Duration(string text, string name)
    {
        var trimmed = text.Trim();
        if (trimmed == "0")
        {
            return TimeSpan.Zero;
        }

        var match = DurationPattern().Match(trimmed);
        if (match.Success)
        {
            try
            {
                return Sum(match);
            }
            catch (OverflowException)
            {
                throw Invalid(name, text, "a duration TimeSpan can hold (at most about 10 million days)");
            }
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : throw Invalid(name, text, "a duration such as 30s, 15m, 12h, 7d or 1d12h");
    }

    private static TimeSpan Sum(Match match)
    {
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value[^1];
            var number = double.Parse(part.Value[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            total += unit switch
            {
                's' => TimeSpan.FromSeconds(number),
                'm' => TimeSpan.FromMinutes(number),
                'h' => TimeSpan.FromHours(number),
                'd' => TimeSpan.FromDays(number),
                _ => TimeSpan.FromDays(number * 7),
            };
        }

        return total;
    }

    /// <summary>A point in time: an ISO 8601 date-time, or a duration from now (<c>10m</c>).</summary>
    public static DateTimeOffset Instant(string text, string name)
    {
        var trimmed = text.Trim();
        if (trimmed == "0" || DurationPattern().IsMatch(trimmed))
        {
            var duration = Duration(trimmed, name);
            return duration < DateTimeOffset.MaxValue - DateTimeOffset.UtcNow
                ? DateTimeOffset.UtcNow + duration
                : throw Invalid(name, text, "a point in time before the year 9999");
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw Invalid(name, text, "an ISO 8601 date-time such as 2026-01-31T12:00:00Z, or a duration from now such as 10m");
    }

    /// <summary>A list given as repeated options or as one value separated by <c>;</c> (and <c>,</c> unless <paramref name="commas"/> is false).</summary>
    public static string[] List(string text, bool commas) =>
        text.Split(commas ? [';', ','] : [';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static StaticPublishException Invalid(string name, string text, string expected) =>
        new(ErrorCodes.InvalidSetting, $"{name} is '{text}', which is not {expected}.");

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?[smhdw])+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
