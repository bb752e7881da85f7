using System.CommandLine;
using StaticPublish.Core.Errors;

namespace StaticPublish.Cli.Configuration;

/// <summary>
/// A command-line option with an optional <c>STATICPUBLISH_*</c> environment variable behind it: the option wins,
/// then the variable, then the option's default.
/// </summary>
internal sealed class CliOption<T>
{
    private readonly Func<string, string, T> _fromText;

    /// <param name="name">The option, e.g. <c>--bucket</c>.</param>
    /// <param name="description">The help text.</param>
    /// <param name="environmentVariable">The variable read when the option is not given, or null.</param>
    /// <param name="fromText">Parses a value; gets the text and the name to use in errors, and throws <see cref="StaticPublishException"/> (SPUB2003).</param>
    /// <param name="defaultValue">The value when neither is given.</param>
    /// <param name="helpName">The value's name in help, e.g. <c>bucket</c>.</param>
    public CliOption(string name, string description, string? environmentVariable, Func<string, string, T> fromText, T defaultValue = default!, string? helpName = null)
    {
        _fromText = fromText;
        EnvironmentVariable = environmentVariable;
        DefaultValue = defaultValue;
        Option = new Option<T>(name)
        {
            Description = environmentVariable is null ? description : $"{description} [env: {environmentVariable}]",
            HelpName = helpName,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? "" : string.Join(';', result.Tokens.Select(t => t.Value));
                try
                {
                    return fromText(text, name);
                }
                catch (StaticPublishException e)
                {
                    result.AddError(e.Message);
                    return default!;
                }
            },
        };
    }

    /// <summary>The System.CommandLine option to add to a command.</summary>
    public Option<T> Option { get; }

    /// <summary>The environment variable behind the option, or null.</summary>
    public string? EnvironmentVariable { get; }

    /// <summary>The value when neither the option nor the variable is given.</summary>
    public T DefaultValue { get; }

    /// <summary>Whether the option or its variable was given.</summary>
    public bool IsGiven(ParseResult parse, Func<string, string?> environment) =>
        parse.GetResult(Option) is { Implicit: false } || (EnvironmentVariable is not null && !string.IsNullOrEmpty(environment(EnvironmentVariable)));

    /// <summary>The option's value, else the variable's, else the default.</summary>
    /// <exception cref="StaticPublishException"><c>SPUB2003</c> naming the variable when its value is invalid.</exception>
    public T Get(ParseResult parse, Func<string, string?> environment)
    {
        if (parse.GetResult(Option) is { Implicit: false })
        {
            return parse.GetValue(Option)!;
        }

        if (EnvironmentVariable is not null && environment(EnvironmentVariable) is { Length: > 0 } text)
        {
            return _fromText(text, EnvironmentVariable);
        }

        return DefaultValue;
    }
}
