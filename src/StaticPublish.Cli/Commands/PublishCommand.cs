using System.CommandLine;
using StaticPublish.Cli.Configuration;
using StaticPublish.Cli.Output;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Settings;

namespace StaticPublish.Cli.Commands;

/// <summary>
/// <c>publish &lt;dir&gt;</c> and <c>plan &lt;dir&gt;</c>: the MSBuild target's pipeline over an already-published folder.
/// Plan is a publish with <c>--dry-run</c> that prints every planned action.
/// </summary>
internal sealed class PublishCommand
{
    private readonly CliContext _context;
    private readonly bool _plan;
    private readonly Argument<string> _directory = new("dir")
    {
        Description = "The publish output (the folder with wwwroot and the SDK's *.staticwebassets.endpoints.json), or a plain folder of assets.",
    };

    private readonly Option<bool> _json = new("--json") { Description = "Print the plan as JSON on standard output (the summary goes to standard error)." };
    private CliSettings _settings = null!;

    private PublishCommand(CliContext context, bool plan)
    {
        _context = context;
        _plan = plan;
    }

    public static Command CreatePublish(CliContext context) => new PublishCommand(context, plan: false).Create(
        "publish", "Publish a folder's static assets to the bucket (the MSBuild target's pipeline) and write the manifest.");

    public static Command CreatePlan(CliContext context) => new PublishCommand(context, plan: true).Create(
        "plan", "Dry run: print what publish would upload, skip and delete, with counts and bytes.");

    private Command Create(string name, string description)
    {
        var command = new Command(name, description) { _directory };
        var rows = new List<StaticPublishSetting>();
        if (_plan)
        {
            command.Add(_json);
        }
        else
        {
            rows.AddRange([SettingTable.Manifest, SettingTable.DryRun]);
        }

        rows.AddRange(
        [
            SettingTable.BaseUrl, SettingTable.CacheControl, SettingTable.UnfingerprintedCacheControl, SettingTable.GzipContentTypes,
            SettingTable.KeepNamePatterns, SettingTable.Rules, SettingTable.Acl, SettingTable.ServerSideEncryption, SettingTable.KmsKeyId,
            SettingTable.StorageClass, SettingTable.Concurrency, SettingTable.Prune, SettingTable.KeepReleases,
            SettingTable.MaxDeletes, SettingTable.PruneOlderThan, SettingTable.AppName, SettingTable.Cors, SettingTable.CorsOrigins,
            SettingTable.OriginalNames, SettingTable.IncludeDotfiles, SettingTable.FollowSymlinks, SettingTable.Force,
        ]);
        _settings = _context.Settings.For(command, [.. rows.Select(row => new CliSetting(row))]);
        command.SetAction((parse, cancellationToken) => CliApplication.GuardAsync(_context.Console, () => RunAsync(parse, cancellationToken)));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var environment = _context.Environment;
        var console = _context.Console;
        var directory = Path.GetFullPath(parse.GetValue(_directory)!);
        if (!Directory.Exists(directory))
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting,
                $"The folder '{directory}' does not exist. Point it at the publish output (the folder with wwwroot) or a folder of assets.");
        }

        var json = _plan && parse.GetValue(_json);
        var settings = _settings.Read(parse, environment);
        var options = settings.ToPublishOptions(directory, planOnly: _plan);
        var dryRun = options.DryRun;

        var storage = options.Storage;
        var plain = settings.ToPlainFolderOptions();
        PublishResult result;
        if (dryRun)
        {
            result = await new StaticAssetPublisher(new ConsolePublishLog(console, quiet: json)).PublishDirectoryAsync(directory, options, plain, cancellationToken);
            if (json)
            {
                console.Line(PlanOutput.ToJson(result, storage.BucketName, storage.Location));
            }
            else
            {
                PlanOutput.WriteText(console, result, storage.BucketName, storage.Location);
            }
        }
        else
        {
            result = await console.WithProgressAsync("uploaded", everyItem: true,
                progress => new StaticAssetPublisher(new ConsolePublishLog(console, progress)).PublishDirectoryAsync(directory, options, plain, cancellationToken));
            console.Line($"  manifest {result.ManifestPath}");
        }

        if (json)
        {
            console.Error.WriteLine(result.Summary);
        }
        else
        {
            console.Line(result.Summary);
        }

        PlanOutput.AppendSummary(_context.StepSummary, dryRun ? "StaticPublish plan" : "StaticPublish publish", result);
        return ExitCodes.Success;
    }
}
