namespace AppServer.Protocol;

public enum MessageDirection
{
    /// <summary>A request the client sends and the server answers.</summary>
    ClientRequest,

    /// <summary>A notification the client sends (no answer).</summary>
    ClientNotification,

    /// <summary>A notification the server sends to every initialized connection that did not opt out.</summary>
    ServerNotification,
}
