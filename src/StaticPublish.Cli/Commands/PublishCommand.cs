using System.CommandLine;
using StaticPublish.Cli.Configuration;
using StaticPublish.Cli.Output;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;

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

    private readonly CliOption<string?> _manifest = new("--manifest",
        $"Where to write {AssetManifest.FileName}. Default: <dir>/{AssetManifest.FileName} for a publish output; required for a plain folder.",
        "STATICPUBLISH_MANIFEST", Values.Text, helpName: "path");

    private readonly Option<bool> _json = new("--json") { Description = "Print the plan as JSON on standard output (the summary goes to standard error)." };
    private readonly CliOption<string?> _baseUrl = CliOptions.BaseUrl();
    private readonly CliOption<string?> _cacheControl = CliOptions.CacheControl();
    private readonly CliOption<string?> _unfingerprintedCacheControl = CliOptions.UnfingerprintedCacheControl();
    private readonly CliOption<string[]> _gzipContentTypes = CliOptions.GzipContentTypes();
    private readonly CliOption<string[]> _keepNamePatterns = CliOptions.KeepNamePatterns();
    private readonly CliOption<string?> _acl = CliOptions.Acl();
    private readonly CliOption<int> _concurrency = CliOptions.Concurrency();
    private readonly CliOption<bool> _dryRun = CliOptions.DryRun();
    private readonly CliOption<bool> _prune = CliOptions.Prune();
    private readonly CliOption<int> _keepReleases = CliOptions.KeepReleases();
    private readonly CliOption<int> _maxDeletes = CliOptions.MaxDeletes();
    private readonly CliOption<TimeSpan> _olderThan = CliOptions.OlderThan();
    private readonly CliOption<string?> _app = CliOptions.App();
    private readonly CliOption<bool> _cors = CliOptions.Cors();
    private readonly CliOption<string[]> _corsOrigins = CliOptions.CorsOrigins();
    private readonly CliOption<bool> _originalNames = CliOptions.OriginalNames();
    private readonly CliOption<bool> _includeDotfiles = CliOptions.IncludeDotfiles();
    private readonly CliOption<bool> _followSymlinks = CliOptions.FollowSymlinks();
    private readonly CliOption<bool> _force = CliOptions.Force();

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
        if (_plan)
        {
            command.Add(_json);
        }
        else
        {
            command.Add(_manifest.Option);
            command.Add(_dryRun.Option);
        }

        foreach (var option in new Option[]
        {
            _baseUrl.Option, _cacheControl.Option, _unfingerprintedCacheControl.Option, _gzipContentTypes.Option, _keepNamePatterns.Option,
            _acl.Option, _concurrency.Option, _prune.Option, _keepReleases.Option, _maxDeletes.Option, _olderThan.Option,
            _app.Option, _cors.Option, _corsOrigins.Option, _originalNames.Option, _includeDotfiles.Option, _followSymlinks.Option, _force.Option,
        })
        {
            command.Add(option);
        }

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

        var dryRun = _plan || _dryRun.Get(parse, environment);
        var json = _plan && parse.GetValue(_json);
        var storage = _context.Storage.Read(parse, environment, acl: _acl.Get(parse, environment));
        var options = new StaticPublishOptions
        {
            Storage = storage,
            BaseUrl = _baseUrl.Get(parse, environment) is { Length: > 0 } baseUrl ? baseUrl : null,
            CacheControl = _cacheControl.Get(parse, environment) is { Length: > 0 } cacheControl ? cacheControl : StaticPublishOptions.DefaultCacheControl,
            UnfingerprintedCacheControl = _unfingerprintedCacheControl.Get(parse, environment) is { Length: > 0 } unfingerprinted
                ? unfingerprinted
                : StaticPublishOptions.DefaultUnfingerprintedCacheControl,
            GzipContentTypes = _gzipContentTypes.Get(parse, environment) is { Length: > 0 } types ? types : StaticPublishOptions.DefaultGzipContentTypes,
            KeepNamePatterns = _keepNamePatterns.Get(parse, environment),
            Concurrency = _concurrency.Get(parse, environment),
            DryRun = dryRun,
            Prune = _prune.Get(parse, environment),
            KeepReleases = _keepReleases.Get(parse, environment),
            MaxDeletes = _maxDeletes.Get(parse, environment),
            PruneMinimumAge = _olderThan.Get(parse, environment),
            ManifestPath = dryRun ? null : ManifestPath(directory, _manifest.Get(parse, environment)),
            AppName = _app.Get(parse, environment) is { Length: > 0 } app ? app : StaticAssetCollector.AppNameOf(directory),
            Cors = _cors.Get(parse, environment),
            CorsOrigins = _corsOrigins.Get(parse, environment),
            OriginalNames = _originalNames.Get(parse, environment),
        };
        options.Validate();

        var plain = new PlainFolderOptions
        {
            IncludeDotfiles = _includeDotfiles.Get(parse, environment),
            FollowLinksOutOfFolder = _followSymlinks.Get(parse, environment),
            AllowAppOutput = _force.Get(parse, environment),
        };
        var assets = StaticAssetCollector.Collect(directory, plain: plain, log: new ConsolePublishLog(console, quiet: json));
        PublishResult result;
        if (dryRun)
        {
            result = await new StaticAssetPublisher(new ConsolePublishLog(console, quiet: json)).PublishAsync(assets, options, cancellationToken);
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
                progress => new StaticAssetPublisher(new ConsolePublishLog(console, progress)).PublishAsync(assets, options, cancellationToken));
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

    /// <summary>
    /// The manifest goes where the user names it; a publish output has a default next to wwwroot. It may never land
    /// among the assets, or the next publish would upload it.
    /// </summary>
    private static string ManifestPath(string directory, string? given)
    {
        var assetsRoot = StaticAssetCollector.AssetRoot(directory);
        var isPublishOutput = !string.Equals(assetsRoot, directory, StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(given) && !isPublishOutput)
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting,
                $"'{directory}' is a plain folder of assets, so the manifest has no default place. Pass --manifest <path> outside it, e.g. --manifest {AssetManifest.FileName}.");
        }

        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(given) ? Path.Combine(directory, AssetManifest.FileName) : given);
        if (path.StartsWith(assetsRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting,
                $"The manifest path '{path}' is inside the asset folder '{assetsRoot}', so the next publish would upload it as an asset. Write it elsewhere.");
        }

        return path;
    }
}
