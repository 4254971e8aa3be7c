using System.Collections.Concurrent;
using AppServer.Auth.Config;
using AppServer.Auth.Login;
using AppServer.Auth.Manager;
using AppServer.Auth.Storage;
using AppServer.Protocol;
using AppServer.Rpc;
using Microsoft.Extensions.Logging;

namespace AppServer.Handlers.Login;

/// <summary>
/// Browser and device-code logins started over JSON-RPC. Each login remembers which surface
/// started it (its completion goes out as <c>account/login/completed</c> or
/// <c>loginChatGptComplete</c>), waits until the start response has been written, and holds
/// <c>account/updated</c> back until its completion has gone out (docs/codex-compatibility.md §7.3).
/// </summary>
internal sealed class ChatGptLogins : IAsyncDisposable
{
    // Shorter than the notifier's own safety release (AccountNotifier), so the completion always
    // goes out before the account/updated it holds back.
    private static readonly TimeSpan s_responseWait = TimeSpan.FromSeconds(10);
    private readonly AuthManager _auth;
    private readonly AccountNotifier _notifier;
    private readonly ConnectionRegistry _connections;
    private readonly LoginPolicy _policy;
    private readonly LoginOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly LoginCoordinator _coordinator;
    // Keyed by login id, filled by whichever comes first: the start (Track) or the completion
    // (AnnounceAsync). A login can end before its start has returned (cancelled at once by another
    // sign-in, or failing straight away), and its completion must not be dropped.
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<PendingLogin>> _pending = new();

    public ChatGptLogins(AuthManager auth, AccountNotifier notifier, ConnectionRegistry connections, LoginPolicy policy, LoginOptions options, HttpClient http, ILoggerFactory loggerFactory)
    {
        _auth = auth;
        _notifier = notifier;
        _connections = connections;
        _policy = policy;
        _options = options with { ForcedWorkspaceId = options.ForcedWorkspaceId ?? policy.ForcedWorkspaceId };
        _http = http;
        _logger = loggerFactory.CreateLogger<ChatGptLogins>();
        _coordinator = new LoginCoordinator(loggerFactory.CreateLogger<LoginCoordinator>());
        _coordinator.Completed += completion => _ = AnnounceAsync(completion);
    }

    /// <summary>Any other sign-in (API key, host tokens, logout) ends an active ChatGPT login first.</summary>
    public void CancelActive() => _coordinator.CancelActive();

    public async Task<BrowserLogin> StartBrowserAsync(ConnectionSession session, LoginFamily family, CancellationToken cancellationToken)
    {
        EnsureAllowed();
        var pending = new PendingLogin(family);
        try
        {
            var login = await _coordinator.StartAsync(ct => BrowserLogin.StartAsync(_options, _http, pending.Persist(_auth, _notifier), _logger, ct), cancellationToken).ConfigureAwait(false);
            Track(login.LoginId, pending, session);
            return login;
        }
        catch (LoginServerStartException ex)
        {
            throw ProtocolErrorException.Internal($"failed to start login server: {ex.Message}");
        }
    }

    public async Task<DeviceCodeLogin> StartDeviceCodeAsync(ConnectionSession session, CancellationToken cancellationToken)
    {
        EnsureAllowed();
        var pending = new PendingLogin(LoginFamily.V2);
        try
        {
            var login = await _coordinator.StartAsync(ct => DeviceCodeLogin.StartAsync(_options, _http, pending.Persist(_auth, _notifier), _logger, ct), cancellationToken).ConfigureAwait(false);
            Track(login.LoginId, pending, session);
            return login;
        }
        catch (DeviceCodeStartException ex) when (ex.Failure == DeviceCodeStartFailure.NotEnabled)
        {
            throw ProtocolErrorException.InvalidRequest(ex.Message);
        }
        catch (DeviceCodeStartException ex)
        {
            throw ProtocolErrorException.Internal($"failed to request device code: {ex.Message}");
        }
    }

    public Auth.Login.CancelLoginStatus TryCancel(Guid loginId) => _coordinator.TryCancel(loginId);

    public ValueTask DisposeAsync() => _coordinator.DisposeAsync();

    private void EnsureAllowed()
    {
        if (_auth.Current.IsExternal)
        {
            throw LoginErrors.ExternalAuthActive();
        }

        LoginErrors.ThrowIfRefused(_policy, LoginKind.ChatGpt);
    }

    private TaskCompletionSource<PendingLogin> Slot(Guid loginId) =>
        _pending.GetOrAdd(loginId, _ => new TaskCompletionSource<PendingLogin>(TaskCreationOptions.RunContinuationsAsynchronously));

    private void Track(Guid loginId, PendingLogin pending, ConnectionSession session)
    {
        Slot(loginId).TrySetResult(pending);
        session.AfterResponse.Add(() =>
        {
            pending.ResponseWritten.TrySetResult();
            return Task.CompletedTask;
        });
    }

    private async Task AnnounceAsync(LoginCompletion completion)
    {
        PendingLogin pending;
        try
        {
            pending = await Slot(completion.LoginId).Task.WaitAsync(s_responseWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Not started through JSON-RPC (nothing to announce to).
            _pending.TryRemove(completion.LoginId, out _);
            return;
        }

        _pending.TryRemove(completion.LoginId, out _);
        try
        {
            // The start method's result goes out before its completion, even for a login that ends at once.
            await pending.ResponseWritten.Task.WaitAsync(s_responseWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        try
        {
            var id = completion.LoginId.ToString();
            if (pending.Family == LoginFamily.V2)
            {
                await _connections.BroadcastAsync(Methods.AccountLoginCompleted, new AccountLoginCompletedNotification(id, completion.Success, completion.Error), ProtocolJsonContext.Default.AccountLoginCompletedNotification).ConfigureAwait(false);
            }
            else
            {
                await _connections.BroadcastAsync(Methods.LoginChatGptComplete, new LoginChatGptCompleteNotification(id, completion.Success, completion.Error), ProtocolJsonContext.Default.LoginChatGptCompleteNotification).ConfigureAwait(false);
            }
        }
        finally
        {
            pending.ReleaseHold();
        }
    }

    private sealed class PendingLogin(LoginFamily family)
    {
        private IDisposable? _hold;

        public LoginFamily Family => family;

        public TaskCompletionSource ResponseWritten { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Saves the login, holding <c>account/updated</c> until the completion has been announced.</summary>
        public Action<AuthRecord> Persist(AuthManager auth, AccountNotifier notifier) => record =>
        {
            var hold = notifier.Hold();
            Interlocked.Exchange(ref _hold, hold)?.Dispose();
            try
            {
                auth.LoginWithChatGpt(record);
            }
            catch
            {
                ReleaseHold();
                throw;
            }
        };

        public void ReleaseHold() => Interlocked.Exchange(ref _hold, null)?.Dispose();
    }
}
