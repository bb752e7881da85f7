using System.CommandLine;
using System.CommandLine.Parsing;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Settings;

namespace StaticPublish.Cli.Configuration;

/// <summary>
/// A row of Core's <see cref="SettingTable"/> as a command-line option, with its <c>STATICPUBLISH_*</c> variable
/// behind it: the option wins, then the variable, then Core's default. Names, help and parsing come from the row.
/// </summary>
internal sealed class CliSetting
{
    /// <param name="setting">The row.</param>
    /// <param name="description">Help text for a command that uses the setting differently; the row's by default.</param>
    public CliSetting(StaticPublishSetting setting, string? description = null)
    {
        Setting = setting;
        Option = setting.Kind switch
        {
            // A flag takes no value or true/false, and never swallows the argument after it.
            SettingKind.Flag => new Option<bool>(setting.Option),
            SettingKind.List or SettingKind.Globs => new Option<string[]>(setting.Option) { AllowMultipleArgumentsPerToken = false },
            _ => new Option<string>(setting.Option),
        };
        Option.HelpName = setting.HelpName;
        Option.Description = description ?? Describe(setting);
        Option.Validators.Add(result =>
        {
            try
            {
                SettingText.Parse(setting.Kind, Text(result), setting.Option);
            }
            catch (StaticPublishException e)
            {
                result.AddError(e.Message);
            }
        });
    }

    /// <summary>The row.</summary>
    public StaticPublishSetting Setting { get; }

    /// <summary>The System.CommandLine option to add to a command.</summary>
    public Option Option { get; }

    /// <summary>The text given on the command line or in the variable, and where it came from; null when neither.</summary>
    public (string Text, SettingSource Source)? Given(ParseResult parse, Func<string, string?> environment)
    {
        if (parse.GetResult(Option) is { Implicit: false } result)
        {
            return (Text(result), SettingSource.Option);
        }

        return Setting.Variable is not null && environment(Setting.Variable) is { Length: > 0 } text ? (text, SettingSource.Variable) : null;
    }

    private static string Text(OptionResult result) =>
        result.Tokens.Count == 0 && result.Option is Option<bool> ? "true" : string.Join(';', result.Tokens.Select(t => t.Value));

    private static string Describe(StaticPublishSetting setting)
    {
        var text = setting.Description.TrimEnd('.');
        if (setting.Faces.HasFlag(SettingFaces.MSBuild))
        {
            text += $" ({setting.Property})";
        }

        text += ".";
        if (setting.IsRequired)
        {
            text += " Required.";
        }
        else if (setting.DescribeDefault() is { } value)
        {
            text += $" Default: {value}.";
        }

        return setting.Variable is null ? text : $"{text} [env: {setting.Variable}]";
    }
}
