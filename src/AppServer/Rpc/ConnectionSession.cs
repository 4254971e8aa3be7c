using AppServer.Protocol;

namespace AppServer.Rpc;

/// <summary>
/// State of one client connection: whether <c>initialize</c> has run, who the client is, and which
/// notifications it opted out of.
/// </summary>
internal sealed class ConnectionSession
{
    private int _initialized;
    private HashSet<string> _optedOut = [];

    public ClientInfo? ClientInfo { get; private set; }

    /// <summary>Work that must wait until a response of this connection has been written.</summary>
    public AfterResponseQueue AfterResponse { get; } = new();

    public bool ExperimentalApi { get; private set; }

    public bool IsInitialized => Volatile.Read(ref _initialized) == 1;

    /// <summary>Marks the connection initialized; false when it already was (a second <c>initialize</c>).</summary>
    public bool TryInitialize(ClientInfo clientInfo, InitializeCapabilities? capabilities)
    {
        if (Interlocked.CompareExchange(ref _initialized, 1, 0) != 0)
        {
            return false;
        }

        ClientInfo = clientInfo;
        ExperimentalApi = capabilities?.ExperimentalApi ?? false;
        _optedOut = [.. capabilities?.OptOutNotificationMethods ?? []];
        return true;
    }

    public bool WantsNotification(string method) => IsInitialized && !_optedOut.Contains(method);
}
