using System.Globalization;
using System.Text;

namespace StaticPublish.Core.Settings;

/// <summary>
/// One row of <see cref="SettingTable"/>: a setting's names in every face, how its text is read, its default and
/// what it means. The MSBuild property is <c>StaticPublish{Name}</c>, the option <c>--kebab-name</c> and the variable
/// <c>STATICPUBLISH_SNAKE_NAME</c>, unless the row says otherwise.
/// </summary>
public sealed record StaticPublishSetting
{
    internal StaticPublishSetting(string name, SettingKind kind, object? defaultValue, string description)
    {
        Name = name;
        Kind = kind;
        Default = defaultValue;
        Description = description;
        Property = "StaticPublish" + name;
        Option = "--" + Words(name, '-').ToLowerInvariant();
        Variable = "STATICPUBLISH_" + Words(name, '_').ToUpperInvariant();
        HelpName = kind switch
        {
            SettingKind.Flag => "true|false",
            SettingKind.Number => "n",
            SettingKind.Duration => "duration",
            _ => "value",
        };
    }

    /// <summary>The setting's name, e.g. <c>CacheControl</c>.</summary>
    public string Name { get; }

    /// <summary>How its text is read.</summary>
    public SettingKind Kind { get; }

    /// <summary>
    /// The value when it is not given (a <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>,
    /// string array or <see cref="TimeSpan"/>), or null when there is none and Core decides.
    /// </summary>
    public object? Default { get; }

    /// <summary>What it means, for help text and the README.</summary>
    public string Description { get; }

    /// <summary>The default as the help text and README show it, when the value itself would not read well.</summary>
    public string? DefaultText { get; init; }

    /// <summary>The MSBuild property, e.g. <c>StaticPublishCacheControl</c>.</summary>
    public string Property { get; init; }

    /// <summary>The command-line option, e.g. <c>--cache-control</c>.</summary>
    public string Option { get; init; }

    /// <summary>The environment variable behind the option, e.g. <c>STATICPUBLISH_CACHE_CONTROL</c>, or null.</summary>
    public string? Variable { get; init; }

    /// <summary>The value's name in help, e.g. <c>url</c>.</summary>
    public string HelpName { get; init; }

    /// <summary>Whether there is no default: the run cannot start without it.</summary>
    public bool IsRequired { get; init; }

    /// <summary>Where the setting can be given.</summary>
    public SettingFaces Faces { get; init; } = SettingFaces.Both;

    /// <summary>The options property whose validation errors are about this setting (<see cref="Name"/> unless it differs).</summary>
    internal string? OptionsProperty { get; init; }

    /// <summary>The default for help text: <see cref="DefaultText"/>, else the value, else null.</summary>
    public string? DescribeDefault() => IsRequired ? "(required)" : DefaultText ?? Default switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        string[] list => list.Length == 0 ? null : string.Join(';', list),
        TimeSpan span => span == TimeSpan.Zero ? "0" : span.ToString("c", CultureInfo.InvariantCulture),
        string text => text.Length == 0 ? null : text,
        var value => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The name as given from <paramref name="source"/>.</summary>
    public string NameIn(SettingSource source) => source switch
    {
        SettingSource.Option => Option,
        SettingSource.Variable => Variable ?? Option,
        _ => Property,
    };

    private static string Words(string name, char separator)
    {
        var words = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(separator);
            }

            words.Append(c);
        }

        return words.ToString();
    }
}
