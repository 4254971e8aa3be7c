using Microsoft.Extensions.Logging;

namespace AppServer.Auth.CrossProcess;

/// <summary>
/// Live reload for a store no file event can announce (a keyring entry another process rewrote):
/// re-reads the store on a timer. One keyring read every <see cref="DefaultInterval"/> costs
/// nothing a user would notice; a change is adopted and announced as a file change is. Demands
/// that could spend a refresh token do not wait for it: the guarded reload re-reads the store first.
/// </summary>
internal sealed partial class StorePoller : IDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(3);

    private readonly Action _reload;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private int _running;

    public StorePoller(Action reload, TimeProvider timeProvider, TimeSpan interval, ILogger logger)
    {
        _reload = reload;
        _logger = logger;
        _timer = timeProvider.CreateTimer(_ => Poll(), null, interval, interval);
    }

    public void Dispose() => _timer.Dispose();

    private void Poll()
    {
        // A slow keyring must not stack reads up behind each other.
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            _reload();
        }
        catch (Exception ex)
        {
            // A failed reload must not stop polling; the next tick tries again.
            LogReloadFailed(_logger, ex);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-reading the credential store failed")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
