using StreamJsonRpc;

namespace AppServer.Framing;

/// <summary>
/// Counts requests read but not yet answered: to bound how many are in flight at once, and so the
/// end of input can wait for the answers instead of dropping them (a client may pipe requests and
/// close stdin at once).
/// </summary>
/// <remarks>
/// A request holds one of the limited slots from admission to its answer, unless it is
/// <em>parked</em>: it has nothing left to do but wait for work shared with other requests (a
/// refresh in flight, which every caller joins), so it costs its own small state only. Parked
/// requests leave their slot to distinct work and are bounded separately, by count and by the
/// bytes of the frames they came in; both still count for the drain at end of input.
/// </remarks>
internal sealed class PendingRequests
{
    private readonly Lock _gate = new();
    private readonly Dictionary<RequestId, Admission> _admitted = [];
    private int _slots;
    private int _parked;
    private long _parkedBytes;
    private TaskCompletionSource? _drained;
    private TaskCompletionSource? _slotFreed;

    /// <summary>Requests not answered yet, parked or not.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _slots + _parked;
            }
        }
    }

    /// <summary>Parked requests (for tests and logs).</summary>
    public int Parked
    {
        get
        {
            lock (_gate)
            {
                return _parked;
            }
        }
    }

    /// <summary>Admits request <paramref name="id"/> (a frame of <paramref name="bytes"/>) unless <paramref name="limit"/> slots are taken.</summary>
    public bool TryAdd(RequestId id, int bytes, int limit)
    {
        lock (_gate)
        {
            return TryAddLocked(id, bytes, limit);
        }
    }

    /// <summary>
    /// Admits request <paramref name="id"/>, waiting up to <paramref name="wait"/> for one of the
    /// <paramref name="limit"/> slots to free; false when none did.
    /// </summary>
    public async ValueTask<bool> TryAddAsync(RequestId id, int bytes, int limit, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        while (true)
        {
            Task slotFreed;
            lock (_gate)
            {
                if (TryAddLocked(id, bytes, limit))
                {
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

    /// <summary>
    /// Moves request <paramref name="id"/> out of its slot into the parked set, when the parked
    /// bounds allow; false (it keeps its slot) otherwise.
    /// </summary>
    public bool TryPark(RequestId id, int maxParked, long maxParkedBytes)
    {
        TaskCompletionSource? slotFreed;
        lock (_gate)
        {
            if (!_admitted.TryGetValue(id, out var admission) || admission.InSlot == 0
                || _parked >= maxParked || _parkedBytes + admission.Bytes > maxParkedBytes)
            {
                return false;
            }

            admission.InSlot--;
            admission.Parked++;
            _slots--;
            _parked++;
            _parkedBytes += admission.Bytes;
            slotFreed = _slotFreed;
            _slotFreed = null;
        }

        slotFreed?.TrySetResult();
        return true;
    }

    /// <summary>Request <paramref name="id"/> was answered: its slot (or its parked place) frees.</summary>
    public void Complete(RequestId id)
    {
        TaskCompletionSource? drained = null;
        TaskCompletionSource? slotFreed = null;
        lock (_gate)
        {
            if (!_admitted.TryGetValue(id, out var admission))
            {
                return;
            }

            if (admission.InSlot > 0)
            {
                admission.InSlot--;
                _slots--;
                slotFreed = _slotFreed;
                _slotFreed = null;
            }
            else
            {
                admission.Parked--;
                _parked--;
                _parkedBytes = Math.Max(0, _parkedBytes - admission.Bytes);
            }

            if (admission.InSlot + admission.Parked == 0)
            {
                _admitted.Remove(id);
            }

            if (_slots + _parked == 0)
            {
                drained = _drained;
                _drained = null;
            }
        }

        drained?.TrySetResult();
        slotFreed?.TrySetResult();
    }

    public Task WhenDrainedAsync()
    {
        lock (_gate)
        {
            if (_slots + _parked == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    private bool TryAddLocked(RequestId id, int bytes, int limit)
    {
        if (_slots >= limit)
        {
            return false;
        }

        _slots++;
        if (!_admitted.TryGetValue(id, out var admission))
        {
            // A client may reuse an id while the first request is pending; both are counted.
            admission = new Admission();
            _admitted[id] = admission;
        }

        admission.InSlot++;
        admission.Bytes = Math.Max(admission.Bytes, bytes);
        return true;
    }

    private sealed class Admission
    {
        public int InSlot { get; set; }

        public int Parked { get; set; }

        public int Bytes { get; set; }
    }
}
