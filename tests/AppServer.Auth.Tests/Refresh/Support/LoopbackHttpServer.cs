using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace AppServer.Auth.Tests.Refresh.Support;

/// <summary>
/// A deliberately tiny HTTP/1.1 server on 127.0.0.1 over a raw <see cref="TcpListener"/>: one
/// request per connection, Content-Length bodies only. Enough to put real sockets under the
/// refresh client; the full mock issuer lives in AppServer.DevIssuer.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    public const int MaxHeadBytes = 64 * 1024;

    private readonly TcpListener _listener;
    private readonly Func<LoopbackRequest, LoopbackResponse?> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private readonly Channel<int> _connections = Channel.CreateUnbounded<int>();
    private readonly Task _acceptLoop;
    private int _connectionCount;

    private LoopbackHttpServer(Func<LoopbackRequest, LoopbackResponse?> respond)
    {
        _respond = respond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri TokenEndpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/oauth/token");

    public IReadOnlyList<LoopbackRequest> Requests => _requests.ToArray();

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Starts a server. <paramref name="respond"/> returning <see langword="null"/> means "keep the connection open and never answer".</summary>
    public static LoopbackHttpServer Start(Func<LoopbackRequest, LoopbackResponse?> respond) => new(respond);

    /// <summary>A loopback URL nothing listens on: the port was bound and released.</summary>
    public static Uri RefusingEndpoint()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/oauth/token");
    }

    /// <summary>Completes once <paramref name="count"/> connections were accepted; event-driven, no polling.</summary>
    public async Task WaitForConnectionsAsync(int count)
    {
        while (ConnectionCount < count)
        {
            await _connections.Reader.ReadAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _connections.Writer.TryWrite(Interlocked.Increment(ref _connectionCount));
                _ = ServeAsync(client);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException
            || (exception is InvalidOperationException && _stop.IsCancellationRequested))
        {
            // Stopped (a stopped TcpListener answers a new accept with InvalidOperationException).
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                LoopbackRequest? request = await ReadRequestAsync(stream, _stop.Token);
                if (request is null)
                {
                    return;
                }

                _requests.Enqueue(request);
                LoopbackResponse? response = _respond(request);
                if (response is null)
                {
                    // Hold the connection open, silent, until the server is disposed.
                    await Task.Delay(Timeout.InfiniteTimeSpan, _stop.Token);
                    return;
                }

                await stream.WriteAsync(response.ToBytes(), _stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The client gave up or the server is stopping.
            }
        }
    }

    private static async Task<LoopbackRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        byte[] chunk = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(buffer)) < 0)
        {
            int read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0 || buffer.Count > MaxHeadBytes)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        string[] lines = Encoding.ASCII.GetString([.. buffer.GetRange(0, headEnd)]).Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        int contentLength = headers.TryGetValue("Content-Length", out string? length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = new List<byte>(buffer.GetRange(headEnd + 4, buffer.Count - headEnd - 4));
        while (body.Count < contentLength)
        {
            int read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            body.AddRange(chunk.AsSpan(0, read));
        }

        return new LoopbackRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString([.. body]));
    }

    private static int IndexOfHeadEnd(List<byte> buffer)
    {
        for (int i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
