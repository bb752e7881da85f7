using System.CommandLine;
using System.Globalization;
using StaticPublish.Cli.Configuration;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Settings;
using StaticPublish.Core.Storage;

namespace StaticPublish.Cli.Commands;

/// <summary><c>verify &lt;manifest&gt;</c>: every entry is in the bucket with the manifest's size and headers (and, with <c>--deep</c>, bytes).</summary>
internal sealed class VerifyCommand(CliContext context)
{
    private const int MismatchesInSummary = 50;

    private readonly Argument<string> _manifest = new("manifest") { Description = $"The {AssetManifest.FileName} a publish wrote." };
    private readonly Option<bool> _deep = new("--deep") { Description = "Also download every object and check its integrity hash." };
    private CliSettings _settings = null!;

    public static Command Create(CliContext context) => new VerifyCommand(context).Create();

    private Command Create()
    {
        var command = new Command("verify",
            "Check that every manifest entry is in the bucket with the manifest's size, Content-Type, Content-Encoding and Cache-Control. Exit code 1, with a list, on any mismatch.")
        {
            _manifest, _deep,
        };
        _settings = context.Settings.For(command,
            new CliSetting(SettingTable.Concurrency), new CliSetting(SettingTable.Cors), new CliSetting(SettingTable.CorsOrigins),
            new CliSetting(SettingTable.BaseUrl, "Where browsers get the assets (the CDN), for the cross-origin check. Default: the manifest's baseUrl. [env: STATICPUBLISH_BASE_URL]"));
        command.SetAction((parse, cancellationToken) => CliApplication.GuardAsync(context.Console, () => RunAsync(parse, cancellationToken)));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var path = parse.GetValue(_manifest)!;
        var deep = parse.GetValue(_deep);
        var options = _settings.Read(parse, context.Environment).ToPublishOptions();
        options.Validate();
        var manifest = AssetManifestReader.Read(path);
        var corsOrigin = options.Cors ? CorsProbe.OriginFor(options.CorsOrigins) : null;

        using var storage = new S3Storage(options.Storage);
        var report = await console.WithProgressAsync(deep ? "downloaded" : "checked", everyItem: false, progress =>
        {
            progress.SetTotals(manifest.Assets.Values.Sum(e => e.Original is null ? 1 : 2), manifest.Assets.Values.Sum(e => e.Original is null ? e.Size : 2 * e.Size));
            return ManifestVerifier.VerifyAsync(storage, manifest, deep, options.Concurrency, entry => progress.Advance(entry.Key, entry.Size), corsOrigin,
                options.BaseUrl, cancellationToken);
        });

        foreach (var mismatch in report.Mismatches)
        {
            console.Line("  mismatch: " + mismatch);
        }

        foreach (var (result, required) in report.CorsChecks)
        {
            console.Line($"  {(result.Allowed ? "cors ok" : required ? "cors FAIL" : "cors skipped")}: {result}");
        }

        console.Line(report.Summary);
        context.StepSummary.Append(report.Deep ? "StaticPublish verify (deep)" : "StaticPublish verify",
            ["objects", "match", "mismatched", "bytes", "release"],
            [[
                Number(report.Checked), Number(report.Checked - report.MismatchedObjects), Number(report.MismatchedObjects),
                PublishResult.FormatBytes(report.Bytes), $"`{report.Release}`",
            ]],
            report.Mismatches.Take(MismatchesInSummary).Select(m => m.ToString())
                .Concat(report.Mismatches.Count > MismatchesInSummary ? [$"... and {report.Mismatches.Count - MismatchesInSummary} more"] : []));
        if (!report.IsValid)
        {
            throw report.CreateException(path);
        }

        return ExitCodes.Success;
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
