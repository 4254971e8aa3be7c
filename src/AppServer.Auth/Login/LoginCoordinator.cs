using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Login;

/// <summary>
/// Holds at most one ChatGPT login (browser or device code). Starting a login cancels the active
/// one first, and so must every other way of signing in (API key, host-supplied tokens) and logout,
/// through <see cref="CancelActive"/>. When a login ends, <see cref="Completed"/> is raised once with
/// the payload of <c>account/login/completed</c>.
/// </summary>
internal sealed class LoginCoordinator : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _tracking = [];
    private IActiveLogin? _active;
    private bool _disposed;

    // Bumped by every CancelActive: a start that was in flight when another sign-in (or a logout)
    // happened must not become the active login afterwards and overwrite what the user chose.
    private long _cancellations;

    public LoginCoordinator(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <summary>
    /// Raised on a pool thread when a started login ends, whatever ended it (including
    /// <see cref="TryCancel"/> and replacement). Handlers must not block; exceptions are logged and swallowed.
    /// </summary>
    public event Action<LoginCompletion>? Completed;

    /// <summary>The id of the login in progress, if any.</summary>
    public Guid? ActiveLoginId
    {
        get
        {
            lock (_gate)
            {
                return _active?.LoginId;
            }
        }
    }

    /// <summary>
    /// Cancels the active login and waits until it has let go of its port, then starts a login with
    /// <paramref name="start"/> and tracks it. Starts are serialised, so two concurrent calls can never
    /// leave two logins running.
    /// </summary>
    /// <exception cref="LoginServerStartException">From a browser start.</exception>
    /// <exception cref="DeviceCodeStartException">From a device-code start.</exception>
    public async Task<T> StartAsync<T>(Func<CancellationToken, Task<T>> start, CancellationToken cancellationToken)
        where T : class, IActiveLogin
    {
        ArgumentNullException.ThrowIfNull(start);
        await _starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (Detach() is { } previous)
            {
                previous.Cancel();
                _logger.LoginReplaced(previous.LoginId);

                // The previous browser login may hold the very port the new one needs.
                await previous.DisposeAsync().ConfigureAwait(false);
            }

            var cancellationsBefore = Interlocked.Read(ref _cancellations);
            T login = await start(cancellationToken).ConfigureAwait(false);
            bool superseded;
            lock (_gate)
            {
                superseded = Interlocked.Read(ref _cancellations) != cancellationsBefore;
                if (!superseded)
                {
                    _active = login;
                }
            }

            // Tracked either way, so its completion (a cancellation) is still announced.
            Track(login);
            if (superseded)
            {
                login.Cancel();
                _logger.LoginReplaced(login.LoginId);
            }

            return login;
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>
    /// <c>account/login/cancel</c>: cancels the active login when <paramref name="loginId"/> names it.
    /// A login that already ended, or was replaced, is <see cref="CancelLoginStatus.NotFound"/>.
    /// </summary>
    public CancelLoginStatus TryCancel(Guid loginId)
    {
        IActiveLogin? login;
        lock (_gate)
        {
            login = _active;
            if (login is null || login.LoginId != loginId || login.Completion.IsCompleted)
            {
                return CancelLoginStatus.NotFound;
            }

            _active = null;
        }

        login.Cancel();
        return CancelLoginStatus.Canceled;
    }

    /// <summary>
    /// Cancels the active login, if any, without waiting for it to release its resources. For API-key
    /// and host-supplied-token logins and for logout, so a browser login can no longer overwrite them.
    /// </summary>
    /// <returns><see langword="true"/> when a login was cancelled.</returns>
    public bool CancelActive()
    {
        Interlocked.Increment(ref _cancellations);
        if (Detach() is not { } login)
        {
            return false;
        }

        login.Cancel();
        _logger.LoginReplaced(login.LoginId);
        return true;
    }

    /// <summary>Cancels the active login and waits until every login has ended and been disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _starting.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            CancelActive();
        }
        finally
        {
            _starting.Release();
        }

        Task[] tracking;
        lock (_gate)
        {
            tracking = [.. _tracking];
        }

        await Task.WhenAll(tracking).ConfigureAwait(false);
    }

    private IActiveLogin? Detach()
    {
        lock (_gate)
        {
            IActiveLogin? login = _active;
            _active = null;
            return login;
        }
    }

    private void Track(IActiveLogin login)
    {
        Task tracking = TrackAsync(login);
        lock (_gate)
        {
            _tracking.Add(tracking);
        }

        _ = tracking.ContinueWith(
            done =>
            {
                lock (_gate)
                {
                    _tracking.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task TrackAsync(IActiveLogin login)
    {
        LoginResult result = await login.Completion.ConfigureAwait(false);
        lock (_gate)
        {
            if (ReferenceEquals(_active, login))
            {
                _active = null;
            }
        }

        Raise(new LoginCompletion(login.LoginId, result.Succeeded, result.Error));
        await login.DisposeAsync().ConfigureAwait(false);
    }

    private void Raise(LoginCompletion completion)
    {
        try
        {
            Completed?.Invoke(completion);
        }
#pragma warning disable CA1031 // A failing handler must not stop the login from being disposed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.CompletionHandlerFailed(completion.LoginId, ex.GetType().Name);
        }
    }
}
