using Microsoft.Extensions.Logging;

namespace AppServer.Auth.CrossProcess;

/// <summary>
/// Notices when another process (another IDE window's server, the Codex CLI) logs in, logs out or
/// refreshes, and calls back so the change is adopted without a request. File-system events are
/// the fast path; a periodic stat of <c>auth.json</c> catches what they miss (inotify limits,
/// network file systems, events lost while the directory was replaced). Bursts are debounced,
/// because an atomic save is several events. The events come from the directory's shared
/// <see cref="DirectoryEvents"/>.
/// </summary>
internal sealed partial class AuthFileWatcher : IDisposable
{
    private readonly string _directory;
    private readonly string _path;
    private readonly Action _onChange;
    private readonly TimeSpan _debounce;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly ITimer _debounceTimer;
    private readonly ITimer _pollTimer;
    private readonly IDisposable? _events;
    private FileStamp _lastStamp;
    private bool _disposed;

    public AuthFileWatcher(string authFilePath, Action onChange, TimeProvider timeProvider, AuthFileWatcherOptions options, ILogger logger)
    {
        _path = authFilePath;
        _directory = Path.GetDirectoryName(authFilePath)!;
        _onChange = onChange;
        _debounce = options.Debounce;
        _logger = logger;
        _lastStamp = FileStamp.Of(_path);
        _debounceTimer = timeProvider.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _pollTimer = timeProvider.CreateTimer(_ => Poll(), null, options.PollInterval, options.PollInterval);
        _events = TryWatch();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _events?.Dispose();
        _debounceTimer.Dispose();
        _pollTimer.Dispose();
    }

    private IDisposable? TryWatch()
    {
        try
        {
            return DirectoryEvents.Subscribe(_directory, Path.GetFileName(_path), Schedule, error => LogWatcherError(_logger, error));
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // No events here (missing directory, exhausted inotify watches): the poll still works.
            LogWatcherUnavailable(_logger, ex.Message);
            return null;
        }
    }

    private void Poll()
    {
        if (FileStamp.Of(_path) != Volatile.Read(ref _lastStamp))
        {
            Schedule();
        }
    }

    private void Schedule()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _debounceTimer.Change(_debounce, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
        }

        Volatile.Write(ref _lastStamp, FileStamp.Of(_path));
        try
        {
            _onChange();
        }
        catch (Exception ex)
        {
            // A failed reload must not stop watching; the next event or poll tries again.
            LogReloadFailed(_logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "auth.json watcher error: {Error}")]
    private static partial void LogWatcherError(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "File-system events for auth.json are unavailable ({Error}); polling only")]
    private static partial void LogWatcherUnavailable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading auth.json after a change failed")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    /// <summary>What a stat of the file says; a change in any part means "look again".</summary>
    private sealed record FileStamp(bool Exists, long Length, DateTime LastWriteUtc, DateTime ChangeUtc)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists
                ? new FileStamp(true, info.Length, info.LastWriteTimeUtc, info.CreationTimeUtc)
                : new FileStamp(false, 0, default, default);
        }
    }
}
