using StaticPublish.Core.Publishing;

namespace StaticPublish.Cli.Output;

/// <summary>Reports the pipeline's warnings and progress to the console, with their SPUB codes.</summary>
internal sealed class ConsolePublishLog(CliConsole console, IProgressSink? progress = null) : IPublishLog
{
    public void Warning(string code, string? file, string message) => console.Warning(code, file, message);

    public void Info(string message) => console.Line("  " + message);

    public void Detail(string message)
    {
        // Detail is for MSBuild's detailed verbosity; the summary line carries what matters here.
    }

    public void UploadStarting(int objects, long bytes) => progress?.SetTotals(objects, bytes);

    public void Uploaded(string key, long bytes) => progress?.Advance(key, bytes);
}
