using System.Globalization;
using System.Text.RegularExpressions;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Settings;

/// <summary>
/// Reads setting text, the same for MSBuild properties, options and variables. Every failure is one
/// <c>SPUB2003</c> naming the setting as the user wrote it and the value expected.
/// </summary>
public static partial class SettingText
{
    /// <summary>Reads <paramref name="text"/> as <paramref name="kind"/>; <paramref name="name"/> is used in errors.</summary>
    /// <exception cref="StaticPublishException"><c>SPUB2003</c> when the text is not a value of that kind.</exception>
    public static object Parse(SettingKind kind, string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        return kind switch
        {
            SettingKind.Flag => Flag(text, name),
            SettingKind.Number => Number(text, name),
            SettingKind.List => List(text, commas: true),
            SettingKind.Globs => List(text, commas: false),
            SettingKind.Duration => Duration(text, name),
            _ => text.Trim(),
        };
    }

    /// <summary><c>true</c>, <c>1</c>, <c>yes</c>, <c>on</c> or their opposites, in any case.</summary>
    public static bool Flag(string text, string name) => ReadFlag(text) ?? throw Invalid(name, text, "true or false");

    /// <summary>The flag <paramref name="text"/> says, or null when it is not one (publish rules report that with their own code).</summary>
    public static bool? ReadFlag(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => null,
        };
    }

    /// <summary>A whole number in invariant culture.</summary>
    public static int Number(string text, string name) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(name, text, "a whole number");

    /// <summary>Values separated by <c>;</c> (and <c>,</c> unless <paramref name="commas"/> is false), trimmed, without empties.</summary>
    public static string[] List(string text, bool commas) =>
        text.Split(commas ? [';', ','] : [';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A duration such as <c>30s</c>, <c>15m</c>, <c>12h</c>, <c>7d</c>, <c>2w</c>, <c>1d12h</c>, <c>0</c> or <c>01:30:00</c>.</summary>
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

    /// <summary>Whether <paramref name="text"/> has the <c>30s</c>/<c>1d12h</c> duration form.</summary>
    public static bool IsUnitDuration(string text) => DurationPattern().IsMatch(text.Trim());

    /// <summary>The error for text that is not the value expected.</summary>
    public static StaticPublishException Invalid(string name, string text, string expected) =>
        new(ErrorCodes.InvalidSetting, $"{name} is '{text}', which is not {expected}.");

    private static TimeSpan Sum(Match match)
    {
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var number = double.Parse(part.Value[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            total += part.Value[^1] switch
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

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?[smhdw])+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
