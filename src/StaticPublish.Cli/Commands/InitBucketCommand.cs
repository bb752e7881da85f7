using System.CommandLine;
using StaticPublish.Cli.Configuration;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Settings;
using StaticPublish.Core.Storage;

namespace StaticPublish.Cli.Commands;

/// <summary>
/// <c>init-bucket</c>: creates the bucket if missing, makes the prefix public-read by bucket policy or keeps it
/// private, and allows fonts and modules from the given origins by CORS. Idempotent.
/// </summary>
internal sealed class InitBucketCommand(CliContext context)
{
    private readonly Option<bool> _public = new("--public") { Description = "Let anyone read objects under the prefix (the whole bucket without a prefix), by bucket policy." };
    private readonly Option<bool> _private = new("--private") { Description = "Keep the bucket private: remove the public-read policy StaticPublish set earlier (the default)." };
    private readonly CliOption<string[]> _origins = new("--origin",
        "An origin whose pages load the assets (fonts and JS modules need CORS), e.g. https://www.example.com; repeat it or separate with ';' or ','.",
        "STATICPUBLISH_ORIGIN", (text, _) => SettingText.List(text, commas: true), [], helpName: "origin");
    private CliSettings _settings = null!;

    public static Command Create(CliContext context) => new InitBucketCommand(context).Create();

    private Command Create()
    {
        var command = new Command("init-bucket",
            "Create the bucket if missing, make the prefix public-read (--public) or keep it private (--private, the default), and set CORS for the given origins. Idempotent.")
        {
            _public, _private, _origins.Option,
        };
        _settings = context.Settings.For(command);
        command.SetAction((parse, cancellationToken) => CliApplication.GuardAsync(context.Console, () => RunAsync(parse, cancellationToken)));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var isPublic = parse.GetValue(_public);
        if (isPublic && parse.GetValue(_private))
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting, "--public and --private exclude each other. Give one of them.");
        }

        var origins = S3BucketCors.NormalizeOrigins(_origins.Get(parse, context.Environment));
        var options = _settings.Read(parse, context.Environment).ToStorageOptions();
        var prefix = options.Location.Trim('/');
        options.Buckets = [new S3BucketDefinition(options.BucketName, isPublic, prefix.Length == 0 ? null : prefix)];

        using var storage = new S3Storage(options);
        var changes = (await storage.InitializeBucketsAsync(cancellationToken)).ToList();
        if (origins.Count > 0)
        {
            changes.AddRange(await S3BucketCors.EnsureAsync(storage, origins, cancellationToken));
        }

        foreach (var change in changes)
        {
            console.Line("  " + change);
        }

        var access = isPublic ? (prefix.Length == 0 ? "the whole bucket public-read" : $"'{prefix}/' public-read") : "private";
        var cors = origins.Count == 0 ? "" : $", CORS for {string.Join(", ", origins)}";
        console.Line($"StaticPublish init-bucket: bucket '{options.BucketName}' is ready ({access}{cors}), {(changes.Count == 0 ? "no changes" : $"{changes.Count} changes")}");
        context.StepSummary.Append("StaticPublish init-bucket", ["bucket", "access", "CORS origins", "changes"],
            [[options.BucketName, access, origins.Count == 0 ? "unchanged" : string.Join(", ", origins), changes.Count == 0 ? "none" : string.Join("; ", changes)]]);
        return ExitCodes.Success;
    }
}
