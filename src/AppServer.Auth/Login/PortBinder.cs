using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Login;

/// <summary>Takes the login port on 127.0.0.1 by the rules of docs/codex-compatibility.md §8.1.</summary>
internal static class PortBinder
{
    public const int MaxAttempts = 10;

    /// <summary>Connect, write and read limit of the one <c>GET /cancel</c> sent to a previous login server.</summary>
    public static readonly TimeSpan CancelRequestTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Listens on <c>127.0.0.1:{port}</c> (never another interface; 0 takes any free port). When the port
    /// is busy it sends one <c>GET /cancel</c> there, in case an older login server holds it, then retries
    /// every <paramref name="retryDelay"/>, <see cref="MaxAttempts"/> attempts in all. There is no fallback port.
    /// </summary>
    /// <exception cref="LoginServerStartException">The port stayed busy, or could not be used at all.</exception>
    public static async Task<TcpListener> BindAsync(int port, TimeSpan retryDelay, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            if (OperatingSystem.IsWindows())
            {
                // Windows would otherwise let another process bind the same port with SO_REUSEADDR and
                // take the callback (with its code). Unix sockets are exclusive by default; setting
                // ReuseAddress there would even allow a second listener, so it is left alone.
                listener.ExclusiveAddressUse = true;
            }

            try
            {
                listener.Start();
                return listener;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                listener.Dispose();
                logger.PortBusy(port, attempt, MaxAttempts);
                if (attempt == 1)
                {
                    await CancelPreviousServerAsync(port, timeProvider, logger, cancellationToken).ConfigureAwait(false);
                }

                if (attempt >= MaxAttempts)
                {
                    throw new LoginServerStartException(LoginMessages.PortInUse(port), ex);
                }

                await Task.Delay(retryDelay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                listener.Dispose();
                throw new LoginServerStartException($"Could not listen on 127.0.0.1:{port} ({ex.SocketErrorCode})", ex);
            }
        }
    }

    /// <summary>
    /// Asks whatever holds the port to stop, the way an older login server understands it. Best
    /// effort: a foreign process may not answer at all, so every step is bounded and errors are ignored.
    /// </summary>
    private static async Task CancelPreviousServerAsync(int port, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await WithTimeoutAsync(ct => socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct)).ConfigureAwait(false);
            byte[] request = Encoding.ASCII.GetBytes($"GET {LoginEndpoints.CancelPath} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
            await WithTimeoutAsync(async ct => await socket.SendAsync(request, SocketFlags.None, ct).ConfigureAwait(false)).ConfigureAwait(false);

            // Only waiting for the older server to answer (so it has begun shutting down); the text is irrelevant.
            byte[] answer = new byte[64];
            await WithTimeoutAsync(async ct => await socket.ReceiveAsync(answer, SocketFlags.None, ct).ConfigureAwait(false)).ConfigureAwait(false);
            logger.PreviousServerCancelled(port);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.PreviousServerCancelFailed(port, "timed out");
        }
        catch (SocketException ex)
        {
            logger.PreviousServerCancelFailed(port, ex.SocketErrorCode.ToString());
        }

        async Task WithTimeoutAsync(Func<CancellationToken, ValueTask> step)
        {
            using var timeout = new CancellationTokenSource(CancelRequestTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            await step(linked.Token).ConfigureAwait(false);
        }
    }
}
