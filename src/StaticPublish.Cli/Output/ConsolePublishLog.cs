using StaticPublish.Core.Publishing;

namespace StaticPublish.Cli.Output;

/// <summary>
/// Reports the pipeline's warnings and progress to the console, with their SPUB codes. With <paramref name="quiet"/>
/// informational lines are dropped, so standard output carries only machine-readable output.
/// </summary>
internal sealed class ConsolePublishLog(CliConsole console, IProgressSink? progress = null, bool quiet = false) : IPublishLog
{
    public void Warning(string code, string? file, string message) => console.Warning(code, file, message);

    public void Info(string message)
    {
        if (!quiet)
        {
            console.Line("  " + message);
        }
    }

    public void Detail(string message)
    {
        // Detail is for MSBuild's detailed verbosity; the summary line carries what matters here.
    }

    public void UploadStarting(int objects, long bytes) => progress?.SetTotals(objects, bytes);

    public void Uploaded(string key, long bytes) => progress?.Advance(key, bytes);
}
