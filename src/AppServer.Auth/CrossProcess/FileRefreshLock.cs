using Microsoft.Extensions.Logging;

namespace AppServer.Auth.CrossProcess;

/// <summary>
/// An OS file lock on a lock file beside <c>auth.json</c>. .NET takes <c>FileShare.None</c> as an
/// exclusive advisory lock (<c>flock</c> on Unix, a share-mode lock on Windows), which the OS
/// releases when the holder dies, so a crashed server never leaves a stale lock behind and no
/// guesswork cleanup is needed.
/// </summary>
internal sealed partial class FileRefreshLock(string lockPath, TimeProvider timeProvider, ILogger logger) : IRefreshLock
{
    public const string FileName = "appserver-refresh.lock";

    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromMilliseconds(50);

    // The reason logged last for "no lock file can exist here", so a read-only home warns once, not per refresh.
    private string? _reportedUnavailable;

    public string LockPath => lockPath;

    public async Task<IDisposable?> TryAcquireAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + timeout;
        var delay = s_firstRetryDelay;
        var announced = false;
        while (true)
        {
            switch (TryOpenExclusive(out var handle, out var reason))
            {
                case LockAttempt.Acquired:
                    _reportedUnavailable = null;
                    return handle;
                case LockAttempt.Unavailable:
                    // No lock file can exist here (a read-only home, no permission): no other process
                    // can hold it either, so waiting would only stall. Answer at once, saying why.
                    if (!string.Equals(Interlocked.Exchange(ref _reportedUnavailable, reason), reason, StringComparison.Ordinal))
                    {
                        LogLockUnavailable(logger, lockPath, reason!);
                    }

                    return new NoLock();
            }

            if (timeProvider.GetUtcNow() >= deadline)
            {
                return null;
            }

            if (!announced)
            {
                LogWaiting(logger, timeout.TotalSeconds);
                announced = true;
            }

            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < s_maxRetryDelay ? delay * 2 : s_maxRetryDelay;
        }
    }

    private LockAttempt TryOpenExclusive(out IDisposable? handle, out string? reason)
    {
        handle = null;
        reason = null;
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            handle = new FileStream(lockPath, options);
            return LockAttempt.Acquired;
        }
        catch (Exception ex) when (LockFileErrors.CannotExist(ex))
        {
            // Not creatable (EROFS, EACCES, ENOSPC): an existing lock file may still be lockable read-only.
            reason = LockFileErrors.Describe(ex);
            return TryOpenExistingReadOnly(out handle);
        }
        catch (IOException)
        {
            // Held by another process (or another open handle in this one).
            return LockAttempt.Busy;
        }
    }

    private LockAttempt TryOpenExistingReadOnly(out IDisposable? handle)
    {
        handle = null;
        try
        {
            handle = new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.None);
            return LockAttempt.Acquired;
        }
        catch (Exception ex) when (ex is FileNotFoundException || LockFileErrors.CannotExist(ex))
        {
            return LockAttempt.Unavailable;
        }
        catch (IOException)
        {
            return LockAttempt.Busy;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waiting for the refresh lock held by another process (up to {Seconds} s)")]
    private static partial void LogWaiting(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot create the refresh lock file {Path} ({Reason}); no other process can hold it, so not waiting for it")]
    private static partial void LogLockUnavailable(ILogger logger, string path, string reason);

    private enum LockAttempt
    {
        Acquired,
        Busy,
        Unavailable,
    }

    private sealed class NoLock : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
