using System.Collections.Concurrent;
using StaticPublish.Core.Publishing;

namespace StaticPublish.Core.Tests.Infrastructure;

internal sealed class RecordingPublishLog : IPublishLog
{
    public ConcurrentQueue<(string Code, string? File, string Message)> Warnings { get; } = new();

    public ConcurrentQueue<string> Uploads { get; } = new();

    public void Warning(string code, string? file, string message) => Warnings.Enqueue((code, file, message));

    public ConcurrentQueue<string> Infos { get; } = new();

    public void Info(string message) => Infos.Enqueue(message);

    public void Detail(string message)
    {
    }

    public void Uploaded(string key, long bytes) => Uploads.Enqueue(key);
}
