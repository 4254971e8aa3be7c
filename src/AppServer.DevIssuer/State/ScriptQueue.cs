using System.Collections.Concurrent;

namespace AppServer.DevIssuer.State;

/// <summary>FIFO scripted responses per endpoint, consumed on arrival ahead of the default behaviour.</summary>
internal sealed class ScriptQueue
{
    private readonly ConcurrentQueue<MockResponse>[] _queues =
        [.. Enum.GetValues<IssuerEndpoint>().Select(_ => new ConcurrentQueue<MockResponse>())];

    public void Enqueue(IssuerEndpoint endpoint, MockResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _queues[(int)endpoint].Enqueue(response);
    }

    public MockResponse? TryDequeue(IssuerEndpoint endpoint) =>
        _queues[(int)endpoint].TryDequeue(out var response) ? response : null;
}
