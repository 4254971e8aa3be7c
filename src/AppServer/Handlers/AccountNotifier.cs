using System.Threading.Channels;
using AppServer.Auth.Manager;
using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers;

/// <summary>
/// Announces every change of credentials, whatever caused it, to every initialized connection: the
/// v2 <c>account/updated</c> and the v1 <c>authStatusChange</c>; and every change of their health as
/// <c>account/authHealth/changed</c>. Both are queued on one channel and sent in the order they
/// happened by one reader, so the AuthManager never waits on a slow client.
/// </summary>
internal sealed class AccountNotifier : IAsyncDisposable
{
    private readonly ConnectionRegistry _connections;
    private readonly Channel<Notice> _changes = Channel.CreateUnbounded<Notice>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;
    private readonly Lock _gate = new();
    private int _holds;
    private TaskCompletionSource? _released;
    private long _queued;
    private long _announced;
    private TaskCompletionSource? _progress;

    public AccountNotifier(AuthManager auth, ConnectionRegistry connections)
    {
        _connections = connections;
        auth.Changed += change => Enqueue(new ChangeNotice(change));
        auth.HealthChanged += health => Enqueue(new HealthNotice(health));
        _pump = PumpAsync();
    }

    /// <summary>Announces <paramref name="snapshot"/> even though nothing changed (a logout when already logged out).</summary>
    public void Announce(CredentialSnapshot snapshot) => Enqueue(new ChangeNotice(new CredentialChange(snapshot, snapshot)));

    /// <summary>
    /// Completes when every notice queued before the call has been announced, so a client that
    /// closes its input right after a login still hears of it before the connection ends. Waits
    /// for a hold like the announcements do; the caller bounds the wait.
    /// </summary>
    public async Task FlushAsync()
    {
        var target = Interlocked.Read(ref _queued);
        while (true)
        {
            Task progress;
            lock (_gate)
            {
                if (_announced >= target)
                {
                    return;
                }

                _progress ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                progress = _progress.Task;
            }

            await progress.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Holds <c>account/updated</c> back until the returned handle is disposed, so a login's own
    /// completion notification can go first (docs/codex-compatibility.md §7.3). The hold ends by itself after 15 s
    /// (longer than a login waits for its start response), so a lost handle can never silence the notifier.
    /// </summary>
    public IDisposable Hold()
    {
        lock (_gate)
        {
            _holds++;
        }

        return new HoldHandle(this);
    }

    public async ValueTask DisposeAsync()
    {
        _changes.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        await foreach (var notice in _changes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await WhenNotHeldAsync().ConfigureAwait(false);
            switch (notice)
            {
                case ChangeNotice { Change: var change }:
                    await AnnounceAsync(change).ConfigureAwait(false);
                    break;
                case HealthNotice { Health: var health }:
                    await _connections.BroadcastAsync(Methods.AccountAuthHealthChanged, health.ToWire(), ProtocolJsonContext.Default.AuthHealth).ConfigureAwait(false);
                    break;
            }

            TaskCompletionSource? progress;
            lock (_gate)
            {
                _announced++;
                progress = _progress;
                _progress = null;
            }

            progress?.TrySetResult();
        }
    }

    private void Enqueue(Notice notice)
    {
        // Counted before the write, so a flush that starts after Enqueue returns always waits for it.
        Interlocked.Increment(ref _queued);
        if (!_changes.Writer.TryWrite(notice))
        {
            // Disposed: nothing will announce it, so a flush must not wait for it.
            lock (_gate)
            {
                _announced++;
            }
        }
    }

    private async Task AnnounceAsync(CredentialChange change)
    {
        var snapshot = change.Current;
        var mode = snapshot.Mode?.ToWire();
        var plan = snapshot.Record?.Tokens is { } tokens ? WireMapping.ToPlanType(tokens.IdClaims.PlanType) : (PlanType?)null;

        // Only a change read from auth.json has a cause this server cannot name; its own logins,
        // logouts and refreshes carry no reason (none of Codex's reasons describes them).
        var reason = change.SeenOnDisk ? AccountUpdatedReason.Unknown : (AccountUpdatedReason?)null;
        await _connections.BroadcastAsync(Methods.AccountUpdated, new AccountUpdatedNotification(mode, plan, reason), ProtocolJsonContext.Default.AccountUpdatedNotification).ConfigureAwait(false);
        await _connections.BroadcastAsync(Methods.AuthStatusChange, new AuthStatusChangeNotification(mode), ProtocolJsonContext.Default.AuthStatusChangeNotification).ConfigureAwait(false);
    }

    private Task WhenNotHeldAsync()
    {
        lock (_gate)
        {
            if (_holds == 0)
            {
                return Task.CompletedTask;
            }

            _released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _released.Task;
        }
    }

    private void Release()
    {
        TaskCompletionSource? released = null;
        lock (_gate)
        {
            if (--_holds == 0)
            {
                released = _released;
                _released = null;
            }
        }

        released?.TrySetResult();
    }

    private abstract record Notice;

    private sealed record ChangeNotice(CredentialChange Change) : Notice;

    private sealed record HealthNotice(Auth.Health.AuthHealth Health) : Notice;

    private sealed class HoldHandle : IDisposable
    {
        private static readonly TimeSpan s_maxHold = TimeSpan.FromSeconds(15);
        private readonly AccountNotifier _owner;
        private readonly Timer _expiry;
        private int _released;

        public HoldHandle(AccountNotifier owner)
        {
            _owner = owner;
            _expiry = new Timer(_ => Dispose(), null, s_maxHold, Timeout.InfiniteTimeSpan);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _expiry.Dispose();
                _owner.Release();
            }
        }
    }
}
