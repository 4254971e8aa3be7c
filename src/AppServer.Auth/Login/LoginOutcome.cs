using AppServer.Auth.Storage;

namespace AppServer.Auth.Login;

/// <summary>
/// The single ending of one login, and the guard that keeps a cancelled login from writing
/// credentials: saving and ending take the same lock, so once <see cref="TryFinish"/> has run, no
/// save can start, and a save in progress finishes before the ending is decided.
/// </summary>
internal sealed class LoginOutcome
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<LoginResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _persisted;

    public Task<LoginResult> Task => _result.Task;

    public bool IsFinished => _result.Task.IsCompleted;

    /// <summary>
    /// Ends the login with <paramref name="result"/>, unless it already ended. Once the credentials
    /// are saved the login counts as a success however it ends: they are in place, and reporting a
    /// failure would leave the client's view and the store disagreeing.
    /// </summary>
    public bool TryFinish(LoginResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            return _result.TrySetResult(_persisted ? LoginResult.Success : result);
        }
    }

    /// <summary>Runs <paramref name="persist"/> unless the login has ended.</summary>
    public PersistResult TryPersist(Action<AuthRecord> persist, AuthRecord record, out Exception? error)
    {
        ArgumentNullException.ThrowIfNull(persist);
        error = null;
        lock (_gate)
        {
            if (_result.Task.IsCompleted)
            {
                return PersistResult.LoginEnded;
            }

            try
            {
                persist(record);
            }
#pragma warning disable CA1031 // The callback is the host's; whatever it throws, the user must get the save-failed page.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = ex;
                return PersistResult.Failed;
            }

            _persisted = true;
            return PersistResult.Saved;
        }
    }
}
