using System.CommandLine;
using StaticPublish.Cli.Configuration;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Settings;
using StaticPublish.Core.Storage;

namespace StaticPublish.Cli.Commands;

/// <summary><c>doctor</c>: a real PUT/HEAD/GET/presigned-GET/DELETE round trip with diagnoses for known provider errors.</summary>
internal sealed class DoctorCommand(CliContext context)
{
    private CliSettings _settings = null!;

    public static Command Create(CliContext context) => new DoctorCommand(context).Create();

    private Command Create()
    {
        var command = new Command("doctor",
            "Run a PUT/HEAD/GET/presigned-GET/DELETE round trip against the configured endpoint and report on checksums, addressing style and clock skew, with a fix for known provider errors.");
        _settings = context.Settings.For(command,
            new CliSetting(SettingTable.Acl), new CliSetting(SettingTable.Cors), new CliSetting(SettingTable.CorsOrigins),
            new CliSetting(SettingTable.BaseUrl, "Where browsers get the assets (the CDN), for the cross-origin check. Default: the newest release's baseUrl. [env: STATICPUBLISH_BASE_URL]"));
        command.SetAction((parse, cancellationToken) => CliApplication.GuardAsync(context.Console, () => RunAsync(parse, cancellationToken)));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var settings = _settings.Read(parse, context.Environment);
        using var storage = new S3Storage(settings.ToStorageOptions());
        var corsOrigin = settings.Get<bool>(SettingTable.Cors) ? CorsProbe.OriginFor(settings.Get<string[]>(SettingTable.CorsOrigins)) : null;
        var report = await S3Doctor.RunAsync(storage, corsOrigin, settings.Get<string?>(SettingTable.BaseUrl), cancellationToken);

        var width = report.Checks.Max(c => c.Name.Length);
        foreach (var check in report.Checks)
        {
            console.Line($"  {Label(check.Status)}  {check.Name.PadRight(width)}  {(check.ErrorCode is null ? "" : check.ErrorCode + ": ")}{check.Detail}");
            if (check.Diagnosis is not null)
            {
                console.Line($"  {"",4}  {"".PadRight(width)}  diagnosis: {check.Diagnosis}");
            }

            if (check.Fix is not null)
            {
                console.Line($"  {"",4}  {"".PadRight(width)}  fix: {check.Fix}");
            }
        }

        console.Line(report.Summary);
        context.StepSummary.Append("StaticPublish doctor", ["check", "result", "detail"],
            report.Checks.Select(c => (IReadOnlyList<string>)[c.Name, Label(c.Status), c.Fix is null ? c.Detail : $"{c.Detail} (fix: {c.Fix})"]));
        if (report.FirstFailure is { } failure)
        {
            throw new StaticPublishException(failure.ErrorCode ?? ErrorCodes.RequestFailed,
                $"The {failure.Name} check failed against bucket '{report.Bucket}' at {report.Endpoint}: {failure.Detail}" + (failure.Fix is null ? "" : $" Fix: {failure.Fix}"));
        }

        return ExitCodes.Success;
    }

    private static string Label(S3DoctorStatus status) => status switch
    {
        S3DoctorStatus.Passed => "ok  ",
        S3DoctorStatus.Warning => "warn",
        S3DoctorStatus.Failed => "FAIL",
        _ => "skip",
    };
}
