namespace StaticPublish.Cli.Output;

/// <summary>Where a long operation reports files and bytes done. Implementations are thread-safe.</summary>
internal interface IProgressSink
{
    /// <summary>The totals, once known.</summary>
    void SetTotals(int items, long bytes);

    /// <summary>One item is done.</summary>
    void Advance(string key, long bytes);
}
