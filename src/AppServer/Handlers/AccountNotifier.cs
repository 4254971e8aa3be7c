using System.Threading.Channels;
using AppServer.Auth.Manager;
using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers;

/// <summary>
/// Announces every change of credentials, whatever caused it, to every initialized connection: the
/// v2 <c>account/updated</c> and the v1 <c>authStatusChange</c>. Changes are queued and sent in
/// order by one reader, so the AuthManager never waits on a slow client.
/// </summary>
internal sealed class AccountNotifier : IAsyncDisposable
{
    private readonly ConnectionRegistry _connections;
    private readonly Channel<CredentialChange> _changes = Channel.CreateUnbounded<CredentialChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;

    public AccountNotifier(AuthManager auth, ConnectionRegistry connections)
    {
        _connections = connections;
        auth.Changed += change => _changes.Writer.TryWrite(change);
        _pump = PumpAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _changes.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        await foreach (var change in _changes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var snapshot = change.Current;
            var mode = snapshot.Mode?.ToWire();
            var plan = snapshot.Record?.Tokens is { } tokens ? WireMapping.ToPlanType(tokens.IdClaims.PlanType) : (PlanType?)null;
            await _connections.BroadcastAsync(Methods.AccountUpdated, new AccountUpdatedNotification(mode, plan), ProtocolJsonContext.Default.AccountUpdatedNotification).ConfigureAwait(false);
            await _connections.BroadcastAsync(Methods.AuthStatusChange, new AuthStatusChangeNotification(mode), ProtocolJsonContext.Default.AuthStatusChangeNotification).ConfigureAwait(false);
        }
    }
}
