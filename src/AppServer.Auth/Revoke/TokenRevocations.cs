using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Revoke;

/// <summary>
/// Revokes retired tokens in the background and keeps track of them, so a logout can answer as
/// soon as the local credentials are gone while the process still waits (bounded) for the issuer
/// before it exits.
/// </summary>
internal sealed class TokenRevocations
{
    private readonly TokenRevoker _revoker;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<Task<RevokeOutcome>> _started = [];

    public TokenRevocations(TokenRevoker revoker, TimeProvider timeProvider, ILogger logger)
    {
        _revoker = revoker;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Starts revoking <paramref name="token"/>; the task never faults (failures are outcomes).</summary>
    public Task<RevokeOutcome> Start(RevocableToken token)
    {
        var task = Task.Run(() => _revoker.RevokeAsync(token));
        lock (_gate)
        {
            // Finished revokes are kept until the next start or drain, so a caller that starts one
            // and then drains always sees its outcome; the list never grows past those running.
            _started.RemoveAll(static started => started.IsCompleted);
            _started.Add(task);
        }

        return task;
    }

    /// <summary>
    /// Waits for every revoke started so far and returns their outcomes. Each revoke is bounded by
    /// its own timeout; the extra bound here only guards against a handler that ignores cancellation.
    /// </summary>
    public async Task<IReadOnlyList<RevokeOutcome>> DrainAsync()
    {
        Task<RevokeOutcome>[] started;
        lock (_gate)
        {
            started = [.. _started];
            _started.Clear();
        }

        if (started.Length == 0)
        {
            return [];
        }

        var bound = _revoker.Timeout * 2;
        try
        {
            return await Task.WhenAll(started).WaitAsync(bound, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.AbandonedAtShutdown(bound);
            return [.. started.Where(static task => task.IsCompletedSuccessfully).Select(static task => task.Result)];
        }
    }
}
