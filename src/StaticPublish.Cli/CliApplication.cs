using System.CommandLine;
using System.CommandLine.Invocation;
using StaticPublish.Cli.Commands;
using StaticPublish.Cli.Output;
using StaticPublish.Core.Errors;

namespace StaticPublish.Cli;

/// <summary>
/// The <c>staticpublish</c> command line: parses, runs one command, and maps the outcome to an exit code (0 ok,
/// 1 failure, 2 usage). Every failure is printed once, with its SPUB code, the way the MSBuild task logs it.
/// </summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var context = new CliContext(console, environment);
        var root = new RootCommand(
            "Publishes an ASP.NET Core app's static assets to S3 and checks them, for CI deployment steps. "
            + "Credentials come from the AWS SDK chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance roles); "
            + "every option can also come from its STATICPUBLISH_* variable.")
        {
            PublishCommand.CreatePublish(context),
            PublishCommand.CreatePlan(context),
            VerifyCommand.Create(context),
            PruneCommand.Create(context),
            InitBucketCommand.Create(context),
            DoctorCommand.Create(context),
            SignUrlCommand.Create(context),
        };
        context.Settings.AddStorageTo(root);

        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                console.Failure(ErrorCodes.InvalidSetting, error.Message);
            }

            var command = parse.CommandResult.Command == root ? "" : parse.CommandResult.Command.Name + " ";
            console.Error.WriteLine($"Run 'staticpublish {command}--help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,

            // Program turns Ctrl+C into cancellation of the token, so uploads stop cleanly with SPUB0002.
            ProcessTerminationTimeout = null,
        }, cancellationToken);
    }

    /// <summary>Runs a command's work and turns its failures into one coded error line and an exit code.</summary>
    public static async Task<int> GuardAsync(CliConsole console, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (PublishFailure.From(e) is { } failure)
        {
            console.Failure(failure.Code, failure.Message);
            return IsUsageError(failure.Code) ? ExitCodes.Usage : ExitCodes.Failure;
        }
    }

    /// <summary>Invalid names, keys, settings and URLs are the caller's to fix: usage errors, exit code 2.</summary>
    private static bool IsUsageError(string code) =>
        code is ErrorCodes.InvalidKeyName or ErrorCodes.InvalidPrivateKey or ErrorCodes.InvalidSetting or ErrorCodes.InvalidSigningUrl
            or ErrorCodes.NotAnAssetFolder or ErrorCodes.InvalidRule;
}
