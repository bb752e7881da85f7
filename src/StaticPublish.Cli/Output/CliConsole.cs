using Spectre.Console;

namespace StaticPublish.Cli.Output;

/// <summary>
/// The tool's output. On a terminal long operations show a live progress bar; in CI (<c>CI=true</c>) or when
/// output is redirected they print plain lines. Results go to standard output, warnings and errors to standard
/// error in the canonical <c>origin: warning SPUB2101: message</c> form CI log parsers recognise.
/// </summary>
internal sealed class CliConsole
{
    private readonly Lock _gate = new();
    private readonly List<(TextWriter Writer, string Text)> _heldBack = [];
    private bool _live;

    public CliConsole(TextWriter output, TextWriter error, Func<string, string?> environment, bool outputRedirected)
    {
        Out = output;
        Error = error;
        var ci = environment("CI");
        IsInteractive = !outputRedirected && (string.IsNullOrEmpty(ci) || ci is "false" or "0");
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Whether live progress bars are shown (a terminal, not CI).</summary>
    public bool IsInteractive { get; }

    public void Line(string text) => Write(Out, text);

    public void Warning(string code, string? file, string message) => Write(Error, $"{file ?? "staticpublish"}: warning {code}: {message}");

    public void Failure(string code, string message) => Write(Error, $"staticpublish: error {code}: {message}");

    /// <summary>Runs <paramref name="work"/> with a progress display of files and bytes.</summary>
    /// <param name="verb">What each item is, e.g. <c>uploaded</c>.</param>
    /// <param name="everyItem">In plain mode, print a line per item (else one per tenth).</param>
    /// <param name="work">The operation; it reports to the sink.</param>
    public async Task<T> WithProgressAsync<T>(string verb, bool everyItem, Func<IProgressSink, Task<T>> work)
    {
        if (!IsInteractive)
        {
            return await work(new PlainProgress(Out, verb, everyItem));
        }

        lock (_gate)
        {
            _live = true;
        }

        try
        {
            return await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape($"{verb}: preparing"), maxValue: 1);
                    task.IsIndeterminate = true;
                    var result = await work(new LiveProgress(task, verb));
                    task.Value = task.MaxValue;
                    return result;
                });
        }
        finally
        {
            List<(TextWriter Writer, string Text)> held;
            lock (_gate)
            {
                _live = false;
                held = [.. _heldBack];
                _heldBack.Clear();
            }

            // Lines written during the live display would tear it, so they come after it.
            foreach (var (writer, text) in held)
            {
                writer.WriteLine(text);
            }
        }
    }

    private void Write(TextWriter writer, string text)
    {
        lock (_gate)
        {
            if (_live)
            {
                _heldBack.Add((writer, text));
                return;
            }
        }

        writer.WriteLine(text);
    }
}
