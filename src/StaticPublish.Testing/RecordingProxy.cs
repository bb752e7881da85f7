using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StaticPublish.Testing;

/// <summary>
/// A small HTTP proxy on 127.0.0.1 that records each request's method, path and headers and forwards it unchanged,
/// one request per connection. Use it as a forward proxy (the storage's <c>ProxyUrl</c>), or, with an upstream,
/// as the endpoint itself (<c>EndpointUrl</c>), to see exactly what a client sends and count its requests. Plain
/// HTTP only.
/// </summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri? _upstream;
    private readonly Task _accepting;

    /// <summary>Starts the proxy. Requests in origin form (<c>GET /bucket/key</c>) go to <paramref name="upstream"/>.</summary>
    public RecordingProxy(Uri? upstream = null)
    {
        _upstream = upstream;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Every request seen so far, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>
    /// Decides per request whether the proxy answers it itself instead of forwarding it: return a
    /// <see cref="ProxyReply"/> to fail it (an S3 error the SDK maps like the store's own), or null to forward it.
    /// Called from several threads.
    /// </summary>
    public Func<RecordedRequest, ProxyReply?>? Intercept { get; set; }

    /// <summary>Stops listening.</summary>
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
            var target = requestLine[1].StartsWith('/') && _upstream is not null
                ? new Uri(_upstream, requestLine[1])
                : new Uri(requestLine[1]);
            var headers = lines.Skip(1).Where(l => l.Length > 0)
                .Select(l => l.Split(':', 2))
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(requestLine[0], target.PathAndQuery, headers);
            Requests.Enqueue(recorded);
            if (Intercept?.Invoke(recorded) is { } reply)
            {
                switch (reply.Kind)
                {
                    case ProxyReplyKind.Reset:
                        await ReadBodyAsync(downstream, headers, reply.BodyBytesBeforeReset);
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Client.Close();
                        return;
                    case ProxyReplyKind.Stall:
                        await Task.Delay(reply.Delay);
                        break;
                    default:
                        await ReplyAsync(downstream, headers, reply);
                        return;
                }
            }

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

    private static async Task ReadBodyAsync(NetworkStream downstream, Dictionary<string, string> headers, long limit = long.MaxValue)
    {
        // Read the body the client sends (unless it waits for 100-continue), so it sees the reply, not a reset.
        if (!headers.ContainsKey("Expect") && headers.TryGetValue("Content-Length", out var length) && long.TryParse(length, out var remaining))
        {
            remaining = Math.Min(remaining, limit);
            var buffer = new byte[81920];
            while (remaining > 0 && await downstream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining))) is var read and > 0)
            {
                remaining -= read;
            }
        }
    }

    private static async Task ReplyAsync(NetworkStream downstream, Dictionary<string, string> headers, ProxyReply reply)
    {
        await ReadBodyAsync(downstream, headers);
        if (reply.Kind == ProxyReplyKind.Swallow)
        {
            reply = reply with { Headers = new Dictionary<string, string>(reply.Headers) { ["ETag"] = $"\"{Guid.NewGuid():N}\"" } };
        }

        var body = reply.S3ErrorCode is null ? "" : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{reply.S3ErrorCode}</Code><Message></Message></Error>";
        var extra = string.Concat(reply.Headers.Select(h => $"{h.Key}: {h.Value}\r\n"));
        var head = $"HTTP/1.1 {reply.Status} {reply.Reason}\r\nContent-Type: application/xml\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n{extra}Connection: close\r\n\r\n";
        await downstream.WriteAsync(Encoding.Latin1.GetBytes(head));
        await downstream.WriteAsync(Encoding.UTF8.GetBytes(body));
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
