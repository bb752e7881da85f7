using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StaticPublish.Core.Tests.Infrastructure;

/// <summary>
/// A minimal HTTP forward proxy on 127.0.0.1 that records each request's method, path and headers, then forwards
/// it unchanged (one request per connection). Tests use it to see exactly what the SDK sends, and to exercise the
/// storage's proxy setting.
/// </summary>
internal sealed class RecordingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public RecordingProxy()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            var downstream = client.GetStream();
            var head = await ReadHeadAsync(downstream);
            if (head is null)
            {
                return;
            }

            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var target = new Uri(requestLine[1]);
            var headers = lines.Skip(1).Where(l => l.Length > 0)
                .Select(l => l.Split(':', 2))
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new RecordedRequest(requestLine[0], target.PathAndQuery, headers));

            using var upstream = new TcpClient();
            await upstream.ConnectAsync(target.Host, target.Port);
            var upstreamStream = upstream.GetStream();
            var rewritten = new StringBuilder($"{requestLine[0]} {target.PathAndQuery} {requestLine[2]}\r\n");
            foreach (var (name, value) in headers)
            {
                if (!name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && !name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase))
                {
                    rewritten.Append(name).Append(": ").Append(value).Append("\r\n");
                }
            }

            rewritten.Append("Connection: close\r\n\r\n");
            await upstreamStream.WriteAsync(Encoding.Latin1.GetBytes(rewritten.ToString()));
            var toServer = downstream.CopyToAsync(upstreamStream);
            await upstreamStream.CopyToAsync(downstream);
            client.Client.Shutdown(SocketShutdown.Send);
            _ = toServer.ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            buffer.Add(one[0]);
            var n = buffer.Count;
            if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r' && buffer[n - 1] == '\n')
            {
                return Encoding.Latin1.GetString(buffer.ToArray(), 0, n - 4);
            }
        }

        return null;
    }
}

internal sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers);
