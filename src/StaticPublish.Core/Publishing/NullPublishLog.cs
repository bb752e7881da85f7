namespace StaticPublish.Core.Publishing;

/// <summary>A log that discards everything.</summary>
public sealed class NullPublishLog : IPublishLog
{
    /// <summary>The shared instance.</summary>
    public static readonly NullPublishLog Instance = new();

    /// <inheritdoc />
    public void Warning(string code, string? file, string message)
    {
    }

    /// <inheritdoc />
    public void Info(string message)
    {
    }

    /// <inheritdoc />
    public void Detail(string message)
    {
    }

    /// <inheritdoc />
    public void Uploaded(string key, long bytes)
    {
    }
}
