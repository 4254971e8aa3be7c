using System.Collections.Concurrent;
using StreamJsonRpc;

namespace AppServer.Rpc;

/// <summary>
/// Work to run right after the response to a given request has been written: the contract orders a
/// login's result before its notifications (docs/codex-compatibility.md §7.3).
/// </summary>
internal sealed class AfterResponseQueue
{
    private readonly ConcurrentDictionary<RequestId, ConcurrentQueue<Func<Task>>> _pending = new();
    private readonly Lock _gate = new();
    private int _running;
    private TaskCompletionSource? _idle;

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
        ConcurrentQueue<Func<Task>> actions;
        lock (_gate)
        {
            if (!_pending.TryRemove(id, out var taken))
            {
                return;
            }

            _running++;
            actions = taken;
        }

        try
        {
            while (actions.TryDequeue(out var action))
            {
                await action().ConfigureAwait(false);
            }
        }
        finally
        {
            TaskCompletionSource? idle = null;
            lock (_gate)
            {
                if (--_running == 0 && _pending.IsEmpty)
                {
                    idle = _idle;
                    _idle = null;
                }
            }

            idle?.TrySetResult();
        }
    }

    /// <summary>
    /// Completes when no work is queued or running: at the end of input, a response already written
    /// may still have its notifications to send before the connection ends.
    /// </summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (_running == 0 && _pending.IsEmpty)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
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
