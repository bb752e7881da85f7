using System.Runtime.InteropServices;
using StaticPublish.Cli;
using StaticPublish.Cli.Output;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels cleanly; a second one ends the process at once.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

// CI systems cancel a job with SIGTERM, then SIGKILL after a grace period: the first SIGTERM cancels cleanly too,
// so multipart uploads are aborted and temp files removed before the process exits.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
});

var console = new CliConsole(Console.Out, Console.Error, Environment.GetEnvironmentVariable, Console.IsOutputRedirected);
return await CliApplication.RunAsync(args, console, Environment.GetEnvironmentVariable, cancel.Token);
