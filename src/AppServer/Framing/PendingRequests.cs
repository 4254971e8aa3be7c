namespace AppServer.Framing;

/// <summary>
/// Counts requests read but not yet answered, so the end of input can wait for the answers instead
/// of dropping them (a client may pipe requests and close stdin at once).
/// </summary>
internal sealed class PendingRequests
{
    private readonly Lock _gate = new();
    private int _count;
    private TaskCompletionSource? _drained;

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

    public void Add()
    {
        lock (_gate)
        {
            _count++;
        }
    }

    public void Complete()
    {
        TaskCompletionSource? drained = null;
        lock (_gate)
        {
            if (_count > 0 && --_count == 0)
            {
                drained = _drained;
                _drained = null;
            }
        }

        drained?.TrySetResult();
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
