using StaticPublish.Cli.Configuration;
using StaticPublish.Cli.Output;

namespace StaticPublish.Cli;

/// <summary>What every command needs: the console, the environment (for <c>STATICPUBLISH_*</c> variables) and the storage settings.</summary>
internal sealed class CliContext(CliConsole console, Func<string, string?> environment)
{
    public CliConsole Console { get; } = console;

    public Func<string, string?> Environment { get; } = environment;

    public CliSettings Settings { get; } = CliSettings.Storage();

    public StepSummary StepSummary => new(Environment, Console);
}
