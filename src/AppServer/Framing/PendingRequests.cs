namespace AppServer.Framing;

/// <summary>
/// Counts requests read but not yet answered: to bound how many are in flight at once, and so the
/// end of input can wait for the answers instead of dropping them (a client may pipe requests and
/// close stdin at once).
/// </summary>
internal sealed class PendingRequests
{
    private readonly Lock _gate = new();
    private int _count;
    private TaskCompletionSource? _drained;
    private TaskCompletionSource? _slotFreed;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Counts one more pending request unless <paramref name="limit"/> are already pending.</summary>
    public bool TryAdd(int limit)
    {
        lock (_gate)
        {
            if (_count >= limit)
            {
                return false;
            }

            _count++;
            return true;
        }
    }

    /// <summary>
    /// Counts one more pending request, waiting up to <paramref name="wait"/> for one of the
    /// <paramref name="limit"/> slots to free; false when none did.
    /// </summary>
    public async ValueTask<bool> TryAddAsync(int limit, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        while (true)
        {
            Task slotFreed;
            lock (_gate)
            {
                if (_count < limit)
                {
                    _count++;
                    return true;
                }

                _slotFreed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                slotFreed = _slotFreed.Task;
            }

            try
            {
                await slotFreed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    public void Complete()
    {
        TaskCompletionSource? drained = null;
        TaskCompletionSource? slotFreed;
        lock (_gate)
        {
            if (_count > 0 && --_count == 0)
            {
                drained = _drained;
                _drained = null;
            }

            slotFreed = _slotFreed;
            _slotFreed = null;
        }

        drained?.TrySetResult();
        slotFreed?.TrySetResult();
    }

    public Task WhenDrainedAsync()
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }
}
