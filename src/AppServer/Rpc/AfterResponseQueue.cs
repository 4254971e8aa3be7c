using System.Collections.Concurrent;
using StreamJsonRpc;

namespace AppServer.Rpc;

/// <summary>
/// Work to run right after the response to a given request has been written: the contract orders a
/// login's result before its notifications (contract §7.3).
/// </summary>
internal sealed class AfterResponseQueue
{
    private readonly ConcurrentDictionary<RequestId, ConcurrentQueue<Func<Task>>> _pending = new();

    /// <summary>Runs <paramref name="action"/> after the current request's response; at once when there is no current request.</summary>
    public void Add(Func<Task> action)
    {
        if (RequestScope.Current is not { } id)
        {
            _ = action();
            return;
        }

        _pending.GetOrAdd(id, _ => new ConcurrentQueue<Func<Task>>()).Enqueue(action);
    }

    public async Task RunAsync(RequestId id)
    {
        if (!_pending.TryRemove(id, out var actions))
        {
            return;
        }

        while (actions.TryDequeue(out var action))
        {
            await action().ConfigureAwait(false);
        }
    }

    /// <summary>The connection is gone: run what is left so nothing stays held.</summary>
    public async Task FlushAsync()
    {
        foreach (var id in _pending.Keys)
        {
            await RunAsync(id).ConfigureAwait(false);
        }
    }
}
