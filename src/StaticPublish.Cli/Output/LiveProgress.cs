using Spectre.Console;

namespace StaticPublish.Cli.Output;

/// <summary>A live Spectre.Console progress bar: files in the description, bytes in the bar and its column.</summary>
internal sealed class LiveProgress(ProgressTask task, string verb) : IProgressSink
{
    private readonly Lock _gate = new();
    private int _items;
    private int _doneItems;

    public void SetTotals(int items, long bytes)
    {
        lock (_gate)
        {
            _items = items;
            task.IsIndeterminate = false;
            task.MaxValue = Math.Max(bytes, 1);
            if (items == 0)
            {
                task.Value = task.MaxValue;
            }

            Describe();
        }
    }

    public void Advance(string key, long bytes)
    {
        lock (_gate)
        {
            _doneItems++;
            task.Increment(bytes);
            Describe();
        }
    }

    // Bytes are in the bar's own column.
    private void Describe() => task.Description = Markup.Escape($"{verb} {_doneItems}/{_items} files");
}
