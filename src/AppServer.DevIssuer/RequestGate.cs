namespace AppServer.DevIssuer;

/// <summary>
/// Holds refresh responses back while it is closed, so a test can make concurrent callers overlap.
/// Held requests are already counted; only their answers wait. Disposing releases it.
/// </summary>
internal sealed class RequestGate : IDisposable
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<RequestGate> _onReleased;

    internal RequestGate(Action<RequestGate> onReleased) => _onReleased = onReleased;

    public bool IsReleased => _released.Task.IsCompleted;

    /// <summary>Lets every held request (and every later one) through. Safe to call twice.</summary>
    public void Release()
    {
        if (_released.TrySetResult())
        {
            _onReleased(this);
        }
    }

    public void Dispose() => Release();

    internal Task WaitAsync(CancellationToken cancellationToken) => _released.Task.WaitAsync(cancellationToken);
}
