using AppServer.Auth.CrossProcess;
using AppServer.Auth.Health;
using AppServer.Auth.Refresh;
using AppServer.Auth.Storage;
using AppServer.Auth.Stores;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Manager;

/// <summary>
/// The one owner of the credentials in this process. It holds an immutable snapshot, swaps it whole
/// on every change, shares one refresh per snapshot between all callers, and remembers a permanent
/// refresh failure against the exact snapshot it happened to (in memory and beside
/// <c>auth.json</c>), so polling a dead credential never reaches the token endpoint again.
/// </summary>
internal sealed partial class AuthManager
{
    private readonly ICredentialStore _store;
    private readonly TokenRefreshClient _refreshClient;
    private readonly IRefreshLock _refreshLock;
    private readonly RefreshStatusStore _statusStore;
    private readonly TimeProvider _time;
    private readonly AuthManagerOptions _options;
    private readonly ILogger _logger;

    // _gate guards the in-flight table and lazy loading; _writeGate serialises every sequence that
    // writes auth.json and then swaps the state, so a logout can never be undone by a late refresh.
    private readonly Lock _gate = new();
    private readonly Lock _writeGate = new();
    private readonly Dictionary<string, Task<RefreshOutcome>> _inflight = new(StringComparer.Ordinal);
    private readonly Lock _healthGate = new();
    private volatile AuthState? _state;
    private AuthHealth? _health;
    private DateTimeOffset _lastSaveAttempt;

    public AuthManager(
        ICredentialStore store,
        TokenRefreshClient refreshClient,
        IRefreshLock refreshLock,
        RefreshStatusStore statusStore,
        TimeProvider timeProvider,
        AuthManagerOptions options,
        ILogger<AuthManager> logger)
    {
        _store = store;
        _refreshClient = refreshClient;
        _refreshLock = refreshLock;
        _statusStore = statusStore;
        _time = timeProvider;
        _options = options;
        _logger = logger;
    }

    /// <summary>Where the credentials are kept (for <c>appserver status</c>).</summary>
    public ICredentialStore Store => _store;

    /// <summary>Raised after the credentials change content. Handlers must not block.</summary>
    public event Action<CredentialChange>? Changed;

    /// <summary>
    /// Raised when the health changes state, reason, message or next attempt (never for
    /// <see cref="AuthHealth.Since"/> alone), in the order the changes happened. Handlers must not block.
    /// </summary>
    public event Action<AuthHealth>? HealthChanged;

    /// <summary>The health of the current credentials.</summary>
    public AuthHealth Health
    {
        get
        {
            _ = State;
            lock (_healthGate)
            {
                return _health!;
            }
        }
    }

    /// <summary>The current state, loading <c>auth.json</c> on first use.</summary>
    public AuthState State => _state ?? LoadInitialState();

    public CredentialSnapshot Current => State.Snapshot;

    /// <summary>The permanent failure recorded for <paramref name="snapshot"/>, if it is still current.</summary>
    public PermanentRefreshError? PoisonFor(CredentialSnapshot snapshot)
    {
        var state = State;
        return state.Poison is not null && state.Snapshot.HasSameContent(snapshot) ? state.Poison : null;
    }

    /// <summary>
    /// The current credentials for a read, refreshed first when they are stale (proactive refresh).
    /// A failed refresh leaves the previous credentials in place: a token that still works keeps working.
    /// </summary>
    public async Task<CredentialSnapshot> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = State.Snapshot;
        if (snapshot.Unsaved)
        {
            RetrySave(snapshot, force: false);
        }

        if (Staleness.IsStale(snapshot, _time.GetUtcNow(), _options))
        {
            await RefreshSharedAsync(snapshot, RefreshReason.ProactiveExpiry, cancellationToken).ConfigureAwait(false);
        }

        return State.Snapshot;
    }

    /// <summary>
    /// An explicit refresh (<c>refreshToken: true</c>). Only managed ChatGPT auth refreshes; tokens
    /// this process obtained moments ago are answered as they are, so a burst of pollers shares one
    /// rotation.
    /// </summary>
    public Task<RefreshOutcome> RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = State.Snapshot;
        if (!snapshot.IsManagedChatGpt)
        {
            return Task.FromResult(RefreshOutcome.NotNeeded);
        }

        if (snapshot.ObtainedAt is { } obtainedAt && _time.GetUtcNow() - obtainedAt < _options.RecentRefreshWindow)
        {
            return Task.FromResult(RefreshOutcome.NotNeeded);
        }

        return RefreshSharedAsync(snapshot, RefreshReason.Forced, cancellationToken);
    }

    /// <summary>Replaces whatever was stored with an API key (docs/codex-compatibility.md §1.2).</summary>
    public void LoginWithApiKey(string apiKey)
    {
        // Load what was there first: otherwise the write below would become the "initial" state
        // and the change would never be announced.
        _ = State;
        var record = AuthRecordFactory.ForApiKey(apiKey);
        CredentialChange? change;
        CredentialSnapshot before;
        lock (_writeGate)
        {
            before = State.Snapshot;
            _store.Save(record);
            change = Apply(CredentialSnapshot.FromLogin(record));
        }

        Publish(change);
        Retire(before, replacement: null);
    }

    /// <summary>Saves a completed ChatGPT login (browser or device code) and makes it current.</summary>
    public void LoginWithChatGpt(AuthRecord record)
    {
        // Load what was there first: otherwise the write below would become the "initial" state
        // and the change would never be announced.
        _ = State;
        CredentialChange? change;
        CredentialSnapshot before;
        lock (_writeGate)
        {
            before = State.Snapshot;
            _store.Save(record);
            change = Apply(CredentialSnapshot.FromLogin(record));
        }

        Publish(change);
        Retire(before, record.Tokens);
    }

    /// <summary>
    /// Makes host-supplied tokens current (docs/codex-compatibility.md §1.2 <c>chatgptAuthTokens</c>): held in memory
    /// only, taking precedence over <c>auth.json</c> until logout.
    /// </summary>
    public void SetExternalTokens(AuthRecord record)
    {
        // Load what was there first: otherwise the write below would become the "initial" state
        // and the change would never be announced.
        _ = State;
        CredentialChange? change;
        lock (_writeGate)
        {
            change = Apply(CredentialSnapshot.FromExternal(record));
        }

        Publish(change);
    }

    /// <summary>Deletes the stored credentials (and any host-supplied tokens); true when a file was there.</summary>
    public bool Logout()
    {
        // Load what was there first: otherwise the write below would become the "initial" state
        // and the change would never be announced.
        _ = State;
        bool existed;
        CredentialChange? change;
        CredentialSnapshot before;
        lock (_writeGate)
        {
            before = State.Snapshot;
            existed = _store.Delete();
            change = Apply(CredentialSnapshot.None);
            ForgetStatusRecord(CredentialSnapshot.None);
        }

        Publish(change);
        Retire(before, replacement: null);
        return existed;
    }

    /// <summary>Re-reads <c>auth.json</c> and adopts whatever it now holds (another process wrote it).</summary>
    public void ReloadFromDisk()
    {
        CredentialChange? change;
        lock (_writeGate)
        {
            var current = State.Snapshot;
            if (current.Unsaved || current.IsExternal)
            {
                // Refreshed tokens not yet saved are newer than the file (the save retry fixes it);
                // host-supplied tokens take precedence over the file until logout.
                return;
            }

            var result = _store.Load();
            if (result is AuthLoadResult.Corrupt { Unreachable: true })
            {
                // The keyring could not be asked (locked, gone, silent): what it holds is unknown, so
                // the credentials this process has stay current rather than flickering to logged out.
                return;
            }

            var loaded = SnapshotFrom(result);
            if (loaded.HasSameContent(current))
            {
                // Nothing changed: keep what this process knows about these tokens (when it obtained
                // them, the measured clock skew). A disk-origin copy would make them look stale.
                return;
            }

            change = Apply(loaded) is { } applied ? applied with { SeenOnDisk = true } : null;
            if (loaded.IsManagedChatGpt && FindPersistedFailure(loaded) is { } failure)
            {
                // Another process already found this refresh token dead: no bearer from it here either.
                SetState(State with { Poison = failure });
            }
        }

        Publish(change);
    }

    /// <summary>
    /// Re-reads the refresh status record (another process wrote or removed it) and applies a
    /// permanent failure it records for the current refresh token, so this process stops serving
    /// the dead token and its clients hear about it without asking.
    /// </summary>
    public void ReloadRefreshStatus()
    {
        lock (_writeGate)
        {
            var state = State;
            if (!state.Snapshot.IsManagedChatGpt || state.Snapshot.IsExternal || state.Poison is not null)
            {
                return;
            }

            PermanentRefreshError? failure = null;
            try
            {
                failure = _statusStore.FindFailure(state.Snapshot.Record!.Tokens!.RefreshToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                AuthManagerLog.StatusFileFailed(_logger, ex.Message);
            }

            if (failure is not null)
            {
                AuthManagerLog.PeerFailureApplied(_logger, failure.Reason.ToString());
                SetState(state with { Poison = failure, Cooldown = null });
            }
        }

        PublishHealth();
    }

    /// <summary>Waits for refreshes in flight (bounded by their own timeouts), so none is lost at shutdown.</summary>
    public Task WhenRefreshesCompleteAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_inflight.Values);
        }
    }

    private static CredentialSnapshot SnapshotFrom(AuthLoadResult result) =>
        result is AuthLoadResult.Loaded loaded ? CredentialSnapshot.FromDisk(loaded.Record) : CredentialSnapshot.None;

    private AuthState LoadInitialState()
    {
        lock (_gate)
        {
            if (_state is { } loaded)
            {
                return loaded;
            }

            var snapshot = SnapshotFrom(_store.Load());
            var state = new AuthState(snapshot, Poison: FindPersistedFailure(snapshot));
            lock (_healthGate)
            {
                _health = AuthHealth.From(state) with { Since = _time.GetUtcNow() };
            }

            _state = state;
            return state;
        }
    }

    private PermanentRefreshError? FindPersistedFailure(CredentialSnapshot snapshot)
    {
        var refreshToken = snapshot.IsManagedChatGpt ? snapshot.Record!.Tokens!.RefreshToken : null;
        try
        {
            if (refreshToken is not null && _statusStore.FindFailure(refreshToken) is { } failure)
            {
                AuthManagerLog.PersistedFailureApplied(_logger, failure.Reason.ToString());
                return failure;
            }

            // The credentials changed since the failure was recorded: the record no longer applies.
            _statusStore.RemoveUnlessFor(refreshToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            AuthManagerLog.StatusFileFailed(_logger, ex.Message);
        }

        return null;
    }

    /// <summary>Swaps in <paramref name="next"/>; returns the change to publish, if the content changed. Call under <see cref="_writeGate"/>.</summary>
    private CredentialChange? Apply(CredentialSnapshot next)
    {
        var before = State;
        var after = before.With(next);
        SetState(after);
        if (before.Snapshot.HasSameContent(next))
        {
            return null;
        }

        // A file that vanished or reads as corrupt may be an in-place writer caught mid-write (the
        // Codex CLI does not write atomically): keep the dead-token record through it. Real new
        // credentials, or a logout through this server, remove it.
        if (!next.IsNone || next.Origin != SnapshotOrigin.Disk)
        {
            ForgetStatusRecord(next);
        }

        return new CredentialChange(before.Snapshot, next);
    }

    private void ForgetStatusRecord(CredentialSnapshot next)
    {
        try
        {
            _statusStore.RemoveUnlessFor(next.IsManagedChatGpt ? next.Record!.Tokens!.RefreshToken : null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            AuthManagerLog.StatusFileFailed(_logger, ex.Message);
        }
    }

    /// <summary>Swaps in <paramref name="next"/>. Call under <see cref="_writeGate"/>, then <see cref="PublishHealth"/> (or <see cref="Publish"/>).</summary>
    private void SetState(AuthState next) => _state = next;

    private void Publish(CredentialChange? change)
    {
        if (change is not null)
        {
            Changed?.Invoke(change);
        }

        // After the change itself, so clients hear "the credentials changed" before "and so did their health".
        PublishHealth();
    }

    /// <summary>
    /// Derives the health of the current state and announces it when it differs from the last one
    /// announced. The one place health is computed: every path that swaps the state ends here.
    /// Raised under a lock, so announcements keep the order of the states they describe.
    /// </summary>
    private void PublishHealth()
    {
        lock (_healthGate)
        {
            var derived = AuthHealth.From(State);
            if (_health is { } current && current.SameAs(derived))
            {
                return;
            }

            var since = _health is { } previous && previous.State == derived.State ? previous.Since : _time.GetUtcNow();
            _health = derived with { Since = since };
            HealthChanged?.Invoke(_health);
        }
    }
}
