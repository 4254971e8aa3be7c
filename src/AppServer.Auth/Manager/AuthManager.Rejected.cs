using System.Security.Cryptography;
using System.Text;
using AppServer.Auth.Refresh;

namespace AppServer.Auth.Manager;

/// <summary>
/// Recovery from a bearer the API refused. The recent-refresh window lets a burst of pollers share
/// one rotation, but it would hand a client the very token it was just refused; naming the refused
/// token fences on it instead: only the current token is refreshed, and only once.
/// </summary>
internal sealed partial class AuthManager
{
    /// <summary>
    /// A client reports that the API answered 401 to <paramref name="rejectedToken"/>.
    /// <list type="bullet">
    /// <item>It is the current ChatGPT access token: a real refresh (reason <c>unauthorized_recovery</c>),
    /// skipping the recent-refresh window. Callers naming the same token share it, and the guarded
    /// path re-reads <c>auth.json</c> first, so tokens another process already wrote are adopted with no
    /// call. A poisoned snapshot makes no call; a transient cooldown is honoured.</item>
    /// <item>It is not the current token (already replaced, here or by another process, which the store
    /// is re-read to find out): nothing to do, the caller gets the current token.</item>
    /// <item>It is the current API key: nothing can be refreshed; the health becomes "needs login"
    /// until the credentials change.</item>
    /// </list>
    /// The token is never logged and is compared in constant time.
    /// </summary>
    public Task<RefreshOutcome> RefreshRejectedAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejectedToken);
        var snapshot = State.Snapshot;
        if (snapshot.BearerToken is not { } held || !TokensEqual(held, rejectedToken))
        {
            // Not the bearer this process holds. Either it was replaced already, or this process has
            // not yet seen a rotation another window made (the client got the newer token there):
            // read the store now rather than wait for the watcher, then decide on what it holds.
            ReloadFromDisk();
            snapshot = State.Snapshot;
            if (snapshot.BearerToken is not { } current || !TokensEqual(current, rejectedToken))
            {
                return Task.FromResult(RefreshOutcome.NotNeeded);
            }
        }

        if (snapshot.Mode == CredentialMode.ApiKey)
        {
            MarkKeyRejected(snapshot);
            return Task.FromResult(RefreshOutcome.NotNeeded);
        }

        if (!snapshot.IsManagedChatGpt || snapshot.IsExternal)
        {
            // Host-supplied tokens are the host's to replace; this server never refreshes them.
            return Task.FromResult(RefreshOutcome.NotNeeded);
        }

        return RefreshSharedAsync(snapshot, RefreshReason.UnauthorizedRecovery, cancellationToken);
    }

    private static bool TokensEqual(string current, string candidate) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(current), Encoding.UTF8.GetBytes(candidate));

    private void MarkKeyRejected(CredentialSnapshot snapshot)
    {
        lock (_writeGate)
        {
            var state = State;
            if (state.Snapshot.HasSameContent(snapshot) && !state.KeyRejected)
            {
                AuthManagerLog.ApiKeyRejected(_logger);
                SetState(state with { KeyRejected = true });
            }
        }

        PublishHealth();
    }
}
