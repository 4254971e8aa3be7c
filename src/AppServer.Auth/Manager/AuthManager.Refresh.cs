using AppServer.Auth.Refresh;
using AppServer.Auth.Storage;
using AppServer.Auth.Stores;

namespace AppServer.Auth.Manager;

/// <summary>The guarded refresh: single flight, reload before spending, machine-wide lock, poison.</summary>
internal sealed partial class AuthManager
{
    private static readonly TransientRefreshError s_lockBusy =
        new("Another process is refreshing the credentials; try again shortly.", StatusCode: null, RetryAfter: null);

    private static readonly TransientRefreshError s_tokenDataUnavailable =
        new(RefreshMessages.TokenDataUnavailable, StatusCode: null, RetryAfter: null);

    private static readonly TransientRefreshError s_stillRefreshing =
        new("The token refresh is taking too long; answering with the current credentials while it goes on.", StatusCode: null, RetryAfter: null);

    /// <summary>Joins the refresh in flight for <paramref name="attempted"/>, or starts it.</summary>
    /// <remarks>
    /// A demand that joins a refresh already in flight shares it, <paramref name="reason"/> included:
    /// the issuer sees one request with the reason of the demand that started it.
    /// </remarks>
    private Task<RefreshOutcome> RefreshSharedAsync(CredentialSnapshot attempted, RefreshReason reason, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            // A caller that gave up before asking must not spend the single-use refresh token.
            return Task.FromCanceled<RefreshOutcome>(cancellationToken);
        }

        Task<RefreshOutcome> run;
        lock (_gate)
        {
            if (!_inflight.TryGetValue(attempted.Fingerprint, out run!))
            {
                run = RunAndForgetAsync(attempted, reason);
                _inflight[attempted.Fingerprint] = run;
            }
        }

        // A caller that gives up, or runs out of time, stops waiting; the shared refresh goes on for
        // everyone else, and its result is still saved and adopted.
        return WaitBoundedAsync(run, cancellationToken);
    }

    private async Task<RefreshOutcome> WaitBoundedAsync(Task<RefreshOutcome> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run.WaitAsync(_options.RefreshDemandTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            AuthManagerLog.DemandTimedOut(_logger, _options.RefreshDemandTimeout.TotalSeconds);
            return RefreshOutcome.Failed(s_stillRefreshing, calledNetwork: false);
        }
    }

    private async Task<RefreshOutcome> RunAndForgetAsync(CredentialSnapshot attempted, RefreshReason reason)
    {
        // Leave the caller's stack (and _gate) before doing any work.
        await Task.Yield();
        try
        {
            return await RunGuardedRefreshAsync(attempted, reason).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The lock file could not be used: answer with the still-cached token, retry later.
            AuthManagerLog.StatusFileFailed(_logger, ex.GetType().Name);
            return RefreshOutcome.Failed(s_lockBusy, calledNetwork: false);
        }
        finally
        {
            lock (_gate)
            {
                _inflight.Remove(attempted.Fingerprint);
            }
        }
    }

    private async Task<RefreshOutcome> RunGuardedRefreshAsync(CredentialSnapshot attempted, RefreshReason reason)
    {
        // Cheap answers first, without the machine-wide lock: tokens another process already wrote,
        // a different account on disk, a known-dead token, a cooldown after a transient failure.
        if (Reconcile(attempted) is { } early)
        {
            return early;
        }

        if (KnownFailure(attempted) is { } known)
        {
            return known;
        }

        using var held = await _refreshLock.TryAcquireAsync(_options.LockWaitTimeout, CancellationToken.None).ConfigureAwait(false);
        if (held is null)
        {
            // Never refresh unguarded: re-read, adopt what the holder wrote, or report a retryable state.
            AuthManagerLog.LockTimeout(_logger, _options.LockWaitTimeout.TotalSeconds);
            return Reconcile(attempted) ?? RefreshOutcome.Failed(s_lockBusy, calledNetwork: false);
        }

        // The lock holder we waited for may have refreshed or failed meanwhile: decide again.
        if (Reconcile(attempted) is { } late)
        {
            return late;
        }

        if (KnownFailure(attempted) is { } knownLate)
        {
            return knownLate;
        }

        // A refresh token is single-use: never spend it unless its replacement can be stored.
        if (PrepareSave(out var cannotSave) is not { } pending)
        {
            return RefreshOutcome.Failed(cannotSave!, calledNetwork: false);
        }

        using var reserved = pending;
        var record = attempted.Record!;
        var result = await _refreshClient.RefreshAsync(record.Tokens!.RefreshToken, reason, CancellationToken.None).ConfigureAwait(false);
        if (result.Tokens is { } tokens)
        {
            Commit(attempted, tokens, result.Attempts, pending);
            return RefreshOutcome.Refreshed;
        }

        // The client can refuse without sending anything (an empty refresh token, a bad endpoint).
        var calledNetwork = result.Attempts > 0;
        return result.Error switch
        {
            PermanentRefreshError permanent => RecordPermanent(attempted, permanent, calledNetwork),
            TransientRefreshError transient => RecordTransient(attempted, transient, calledNetwork),
            _ => throw new InvalidOperationException("A failed refresh carries an error."),
        };
    }

    /// <summary>
    /// Compares <paramref name="attempted"/> with <c>auth.json</c>. Null means "unchanged: go on";
    /// otherwise the outcome that settles the demand without a network call.
    /// </summary>
    private RefreshOutcome? Reconcile(CredentialSnapshot attempted)
    {
        if (attempted.Unsaved && !RetrySave(attempted, force: true))
        {
            // The file still holds the tokens we already spent; memory is the truth until a save works.
            return null;
        }

        lock (_writeGate)
        {
            if (!State.Snapshot.HasSameContent(attempted))
            {
                // Changed meanwhile (a login, a logout, another caller's refresh): nothing to spend.
                return RefreshOutcome.Adopted;
            }

            switch (_store.Load())
            {
                case AuthLoadResult.Loaded { Record: var onDisk }:
                    var diskSnapshot = CredentialSnapshot.FromDisk(onDisk);
                    if (diskSnapshot.HasSameContent(attempted))
                    {
                        return null;
                    }

                    if (CredentialIdentity.AreSame(attempted.Record!, onDisk))
                    {
                        var change = Apply(CredentialSnapshot.Adopted(onDisk, _time.GetUtcNow()));
                        AuthManagerLog.AdoptedFromDisk(_logger);
                        PublishLater(change);
                        return RefreshOutcome.Adopted;
                    }

                    // Never switch accounts silently inside a refresh (docs/codex-compatibility.md §5.2): the cache keeps
                    // the old credentials and nothing is recorded as poison.
                    AuthManagerLog.AccountMismatch(_logger);
                    return RefreshOutcome.Failed(new PermanentRefreshError(RefreshFailureKind.Other, RefreshMessages.AccountMismatch), calledNetwork: false);

                case AuthLoadResult.Corrupt { Unreachable: true, Reason: var reason }:
                    // The keyring cannot be asked whether another process rotated the tokens, and the
                    // new ones could not be stored in it either: spend nothing, keep the cached token.
                    return RefreshOutcome.Failed(new TransientRefreshError($"The credential store is unavailable: {reason}", StatusCode: null, RetryAfter: null), calledNetwork: false);

                default:
                    // Logged out elsewhere, or the file became unreadable: there is no token to spend.
                    PublishLater(Apply(CredentialSnapshot.None) is { } gone ? gone with { SeenOnDisk = true } : null);
                    return RefreshOutcome.Failed(s_tokenDataUnavailable, calledNetwork: false);
            }
        }
    }

    /// <summary>A recorded permanent failure (in memory or on disk) or an active cooldown for the snapshot.</summary>
    private RefreshOutcome? KnownFailure(CredentialSnapshot attempted)
    {
        var state = State;
        if (!state.Snapshot.HasSameContent(attempted))
        {
            return RefreshOutcome.Adopted;
        }

        if (state.Poison is { } poison)
        {
            return RefreshOutcome.Failed(poison, calledNetwork: false);
        }

        var refreshToken = attempted.Record!.Tokens!.RefreshToken;
        PermanentRefreshError? persisted = null;
        try
        {
            persisted = _statusStore.FindFailure(refreshToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            AuthManagerLog.StatusFileFailed(_logger, ex.Message);
        }

        if (persisted is not null)
        {
            // Another process (or an earlier run) already spent this token and was refused.
            AuthManagerLog.PersistedFailureApplied(_logger, persisted.Reason.ToString());
            lock (_writeGate)
            {
                if (State.Snapshot.HasSameContent(attempted))
                {
                    SetState(State with { Poison = persisted });
                }
            }

            PublishHealth();

            return RefreshOutcome.Failed(persisted, calledNetwork: false);
        }

        if (state.Cooldown is { } cooldown && _time.GetUtcNow() < cooldown.Until)
        {
            return RefreshOutcome.Failed(cooldown.Error, calledNetwork: false);
        }

        return null;
    }

    private void Commit(CredentialSnapshot attempted, TokenResponse tokens, int attempts, IPendingSave pending)
    {
        CredentialChange? change;
        lock (_writeGate)
        {
            if (!State.Snapshot.HasSameContent(attempted))
            {
                // A login or logout landed while the POST was in flight. A finished refresh must never
                // bring back credentials the user replaced or removed.
                AuthManagerLog.RefreshSuperseded(_logger);
                return;
            }

            var now = _time.GetUtcNow();
            var merged = TokenMerge.Apply(attempted.Record!, tokens, now, out var idTokenRejected);
            if (idTokenRejected)
            {
                AuthManagerLog.IdTokenRejected(_logger);
            }

            var saved = TrySave(merged, pending);
            change = Apply(CredentialSnapshot.Refreshed(merged, now, unsaved: !saved));
            AuthManagerLog.Refreshed(_logger, attempts);
        }

        Publish(change);
    }

    private RefreshOutcome RecordPermanent(CredentialSnapshot attempted, PermanentRefreshError error, bool calledNetwork)
    {
        lock (_writeGate)
        {
            // A late failure for an older snapshot must not poison the credentials that replaced it.
            if (State.Snapshot.HasSameContent(attempted))
            {
                SetState(State with { Poison = error, Cooldown = null });
                AuthManagerLog.PermanentFailure(_logger, error.Reason.ToString(), error.Message);
                try
                {
                    _statusStore.RecordFailure(attempted.Record!.Tokens!.RefreshToken, error, _time.GetUtcNow());
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    AuthManagerLog.StatusFileFailed(_logger, ex.Message);
                }
            }
        }

        PublishHealth();
        return RefreshOutcome.Failed(error, calledNetwork);
    }

    private RefreshOutcome RecordTransient(CredentialSnapshot attempted, TransientRefreshError error, bool calledNetwork)
    {
        lock (_writeGate)
        {
            var state = State;
            if (state.Snapshot.HasSameContent(attempted))
            {
                var failures = (state.Cooldown?.Failures ?? 0) + 1;
                var delay = CooldownFor(failures);
                if (error.RetryAfter is { } retryAfter && retryAfter > delay)
                {
                    delay = retryAfter;
                }

                var until = _time.GetUtcNow() + delay;
                SetState(state with { Cooldown = new TransientCooldown(until, error, failures) });
                AuthManagerLog.TransientFailure(_logger, error.Message, until);
            }
        }

        PublishHealth();
        return RefreshOutcome.Failed(error, calledNetwork);
    }

    private TimeSpan CooldownFor(int failures)
    {
        var delay = _options.TransientCooldown * Math.Pow(2, Math.Min(failures - 1, 16));
        return delay < _options.MaxTransientCooldown ? delay : _options.MaxTransientCooldown;
    }

    /// <summary>Writes refreshed tokens that an earlier save could not; true once they are on disk.</summary>
    private bool RetrySave(CredentialSnapshot unsaved, bool force)
    {
        lock (_writeGate)
        {
            var now = _time.GetUtcNow();
            if (!State.Snapshot.HasSameContent(unsaved) || !State.Snapshot.Unsaved)
            {
                return true;
            }

            if (!force && now - _lastSaveAttempt < _options.SaveRetryInterval)
            {
                return false;
            }

            if (!TrySave(unsaved.Record!, pending: null, retry: true))
            {
                return false;
            }

            SetState(State with { Snapshot = State.Snapshot.AsSaved() });
            AuthManagerLog.SaveRecovered(_logger);
            return true;
        }
    }

    /// <summary>Saves through <paramref name="pending"/> (room reserved before the POST) or a fresh save. Call under <see cref="_writeGate"/>.</summary>
    /// <param name="retry">A retry of a save that already failed and warned (DISK-01: the warning is surfaced once).</param>
    private bool TrySave(AuthRecord record, IPendingSave? pending, bool retry = false)
    {
        _lastSaveAttempt = _time.GetUtcNow();
        try
        {
            if (pending is not null)
            {
                pending.Commit(record);
            }
            else
            {
                _store.Save(record);
            }

            SaveSucceeded();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (retry)
            {
                AuthManagerLog.SaveRetryFailed(_logger, ex.GetType().Name);
            }
            else
            {
                AuthManagerLog.SaveFailed(_logger, ex.GetType().Name);
            }

            ScheduleSaveRetry();
            return false;
        }
    }

    // Changes found under _writeGate are published right there, so subscribers see them in the
    // order they happened (handlers must not block; the notifier only queues).
    private void PublishLater(CredentialChange? change) => Publish(change);
}
