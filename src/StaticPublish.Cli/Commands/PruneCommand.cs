using System.CommandLine;
using System.Globalization;
using StaticPublish.Cli.Configuration;
using StaticPublish.Cli.Output;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Settings;

namespace StaticPublish.Cli.Commands;

/// <summary><c>prune</c>: deletes objects that none of the last N releases reference and that are older than T.</summary>
internal sealed class PruneCommand(CliContext context)
{
    private CliSettings _settings = null!;

    public static Command Create(CliContext context) => new PruneCommand(context).Create();

    private Command Create()
    {
        var command = new Command("prune",
            "Delete objects under the prefix that none of the last --keep-releases releases reference and that are older than --older-than, within the --max-deletes guard.");
        _settings = context.Settings.For(command, [.. new[]
        {
            SettingTable.KeepReleases, SettingTable.PruneOlderThan, SettingTable.MaxDeletes, SettingTable.DryRun, SettingTable.AppName,
        }.Select(row => new CliSetting(row))]);
        command.SetAction((parse, cancellationToken) => CliApplication.GuardAsync(context.Console, () => RunAsync(parse, cancellationToken)));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var environment = context.Environment;
        var console = context.Console;
        var options = _settings.Read(parse, environment).ToPublishOptions() with { Prune = true };
        var result = await new StaticAssetPublisher(new ConsolePublishLog(console)).PruneAsync(options, cancellationToken);
        var verb = result.DryRun ? "would delete" : "deleted";
        foreach (var delete in result.Deletes)
        {
            console.Line($"  {verb} {delete.Key} ({PublishResult.FormatBytes(delete.Size)})");
        }

        var bytes = result.DeletedBytes;
        var summary = string.Format(CultureInfo.InvariantCulture, "StaticPublish prune{0}: {1:N0} objects {2} ({3}), newest {4} releases of '{5}' kept (current {6}), {7:0.0} s",
            result.DryRun ? " (dry run)" : "", result.Deleted, result.DryRun ? "to delete" : "deleted", PublishResult.FormatBytes(bytes),
            result.KeptReleases, result.App, result.CurrentRelease, result.Elapsed.TotalSeconds);
        console.Line(summary);
        context.StepSummary.Append(result.DryRun ? "StaticPublish prune (dry run)" : "StaticPublish prune",
            [result.DryRun ? "to delete" : "deleted", "bytes", "releases kept", "current release"],
            [[result.Deleted.ToString(CultureInfo.InvariantCulture), PublishResult.FormatBytes(bytes), options.KeepReleases.ToString(CultureInfo.InvariantCulture), $"`{result.CurrentRelease}`"]],
            result.SkippedReason is { } skipped ? [skipped] : null);

        // Without --dry-run the guard already threw; a dry run over the guard fails the same way, so CI sees it.
        if (result.SkippedReason is { } reason)
        {
            throw new StaticPublishException(ErrorCodes.TooManyDeletes, reason);
        }

        return ExitCodes.Success;
    }
}
