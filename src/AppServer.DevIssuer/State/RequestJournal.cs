namespace AppServer.DevIssuer.State;

/// <summary>
/// Every request as it arrived, counts per path, and the refresh-grant counter that tests wait on.
/// Waiters are signalled by arrivals, so no test ever polls.
/// </summary>
internal sealed class RequestJournal
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Dictionary<string, int> _byPath = new(StringComparer.Ordinal);
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _refreshCount;

    public int RefreshCount => Volatile.Read(ref _refreshCount);

    public void Record(RecordedRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
            _byPath[request.Path] = _byPath.GetValueOrDefault(request.Path) + 1;
        }
    }

    public void CountRefresh()
    {
        lock (_lock)
        {
            _refreshCount++;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= _refreshCount)
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    public async Task WaitForRefreshesAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            if (_refreshCount >= count)
            {
                return;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
        }

        try
        {
            await signal.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Signal == signal);
            }

            throw new TimeoutException(
                $"Expected {count} refresh request(s) within {timeout}, but only {RefreshCount} arrived.");
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_lock)
        {
            return [.. _requests];
        }
    }

    public IReadOnlyDictionary<string, int> CountsByPath()
    {
        lock (_lock)
        {
            return new Dictionary<string, int>(_byPath, StringComparer.Ordinal);
        }
    }
}
