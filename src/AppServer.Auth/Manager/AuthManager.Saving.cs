using AppServer.Auth.CrossProcess;
using AppServer.Auth.Refresh;
using AppServer.Auth.Stores;

namespace AppServer.Auth.Manager;

/// <summary>
/// Saving refreshed tokens: room is reserved before a refresh token is spent, a failed save is
/// retried on a timer (not only when a request happens by), and an unsaved result is flushed on
/// the way out.
/// </summary>
internal sealed partial class AuthManager
{
    private readonly Lock _saveRetryGate = new();
    private ITimer? _saveRetryTimer;
    private int _saveRetryFailures;
    private bool _stopped;

    // The last "cannot save" error, so a full disk or read-only home is logged once per cause.
    private TransientRefreshError? _cannotSave;

    /// <summary>
    /// Writes refreshed tokens that are still only in memory (the last chance before exit) and stops
    /// the save retries. Returns false when they could not be written, which is also logged.
    /// </summary>
    public bool FlushUnsavedTokens()
    {
        lock (_saveRetryGate)
        {
            _stopped = true;
            _saveRetryTimer?.Dispose();
            _saveRetryTimer = null;
        }

        var snapshot = _state?.Snapshot;
        if (snapshot is null || !snapshot.Unsaved)
        {
            return true;
        }

        if (RetrySave(snapshot, force: true))
        {
            return true;
        }

        AuthManagerLog.ExitingUnsaved(_logger);
        return false;
    }

    /// <summary>
    /// Reserves room for the refreshed tokens. Null when that fails: then the refresh token must not
    /// be spent, and <paramref name="error"/> says why (logged once per cause).
    /// </summary>
    private IPendingSave? PrepareSave(out TransientRefreshError? error)
    {
        try
        {
            var pending = _store.PrepareSave();
            Interlocked.Exchange(ref _cannotSave, null);
            error = null;
            return pending;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = SaveFailureReason.Describe(ex);
            error = new TransientRefreshError(
                $"The refreshed credentials could not be saved ({reason}), so the refresh token was not used: the stored credentials stay valid. The refresh is tried again on the next request.",
                StatusCode: null,
                RetryAfter: null);
            var previous = Interlocked.Exchange(ref _cannotSave, error);
            if (previous is null || !string.Equals(previous.Message, error.Message, StringComparison.Ordinal))
            {
                AuthManagerLog.CannotSaveRefresh(_logger, reason);
            }

            return null;
        }
    }

    private void ScheduleSaveRetry()
    {
        lock (_saveRetryGate)
        {
            if (_stopped)
            {
                return;
            }

            var delay = _options.FirstSaveRetryDelay * Math.Pow(2, Math.Min(_saveRetryFailures, 16));
            if (delay > _options.SaveRetryInterval)
            {
                delay = _options.SaveRetryInterval;
            }

            _saveRetryFailures++;
            _saveRetryTimer?.Dispose();
            _saveRetryTimer = _time.CreateTimer(static self => ((AuthManager)self!).RetrySaveFromTimer(), this, delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void SaveSucceeded()
    {
        lock (_saveRetryGate)
        {
            _saveRetryFailures = 0;
            _saveRetryTimer?.Dispose();
            _saveRetryTimer = null;
        }
    }

    private void RetrySaveFromTimer()
    {
        try
        {
            if (_state?.Snapshot is { Unsaved: true } snapshot)
            {
                // A failure schedules the next attempt itself.
                RetrySave(snapshot, force: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            AuthManagerLog.SaveRetryFailed(_logger, ex.GetType().Name);
        }
    }
}
