using StaticPublish.Cli;
using StaticPublish.Cli.Output;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels cleanly; a second one ends the process at once.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

var console = new CliConsole(Console.Out, Console.Error, Environment.GetEnvironmentVariable, Console.IsOutputRedirected);
return await CliApplication.RunAsync(args, console, Environment.GetEnvironmentVariable, cancel.Token);
