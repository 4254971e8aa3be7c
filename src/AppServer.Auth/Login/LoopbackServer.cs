using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Login;

/// <summary>
/// A minimal HTTP/1.1 server on an already bound 127.0.0.1 listener: one request per connection,
/// every response with <c>Connection: close</c>. <see cref="System.Net.HttpListener"/> is not used
/// because it cannot listen on port 0, which tests need, and shares registrations process-wide.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    /// <summary>How long a connection may take to send its request head (browsers pre-open idle sockets).</summary>
    public static readonly TimeSpan RequestReadTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _connections = [];
    private Task _acceptLoop = Task.CompletedTask;
    private int _stopped;

    public LoopbackServer(TcpListener listener, TimeProvider timeProvider, ILogger logger)
    {
        _listener = listener;
        _timeProvider = timeProvider;
        _logger = logger;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    /// <summary>
    /// Starts accepting. <paramref name="handle"/> answers each request; when its reply carries an
    /// ending, <paramref name="onEnding"/> runs after the response was sent (or could not be).
    /// </summary>
    public void Start(Func<HttpRequestHead, CancellationToken, Task<CallbackReply>> handle, Action<LoginResult> onEnding)
    {
        _acceptLoop = AcceptLoopAsync(handle, onEnding);
    }

    /// <summary>Stops listening at once (the port is free when this returns) and aborts requests in progress.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        // Cancel before closing the socket: a pending accept then ends as "stopping", never as a fault.
        _stopping.Cancel();
        _listener.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await _acceptLoop.ConfigureAwait(false);
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _connections];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Func<HttpRequestHead, CancellationToken, Task<CallbackReply>> handle, Action<LoginResult> onEnding)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException && Volatile.Read(ref _stopped) == 1)
            {
                return;
            }
            catch (SocketException ex)
            {
                // A connection reset before it was accepted; the listener itself is fine.
                _logger.ConnectionFailed(ex.SocketErrorCode.ToString());
                continue;
            }

            Task connection = ServeAsync(socket, handle, onEnding);
            lock (_gate)
            {
                _connections.Add(connection);
            }

            _ = connection.ContinueWith(
                done =>
                {
                    lock (_gate)
                    {
                        _connections.Remove(done);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket, Func<HttpRequestHead, CancellationToken, Task<CallbackReply>> handle, Action<LoginResult> onEnding)
    {
        await Task.Yield();
        using var stream = new NetworkStream(socket, ownsSocket: true);
        LoginResult? ending = null;
        try
        {
            HttpRequestHead? request;
            using (var readTimeout = new CancellationTokenSource(RequestReadTimeout, _timeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(readTimeout.Token, _stopping.Token))
            {
                request = await HttpRequestReader.ReadAsync(stream, linked.Token).ConfigureAwait(false);
            }

            if (request is null)
            {
                return;
            }

            CallbackReply reply = await handle(request, _stopping.Token).ConfigureAwait(false);
            ending = reply.Ending;
            await stream.WriteAsync(reply.Reply.Serialize(), _stopping.Token).ConfigureAwait(false);
            await stream.FlushAsync(_stopping.Token).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (OperationCanceledException)
        {
            // The server stopped, or the peer never sent a request.
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            _logger.ConnectionFailed(ex.GetType().Name);
        }
#pragma warning disable CA1031 // A bug in one request must not leave an unobserved fault or take the server down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.RequestHandlerFailed(ex.GetType().Name);
        }
        finally
        {
            // An error page ends the login even when the browser went away before reading it.
            if (ending is not null)
            {
                onEnding(ending);
            }
        }
    }
}
