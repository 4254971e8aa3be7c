namespace AppServer.Protocol;

/// <summary>JSON-RPC method names, client → server requests and server → client notifications.</summary>
public static class Methods
{
    // Handshake
    public const string Initialize = "initialize";
    public const string Initialized = "initialized";

    // v1 surface (still used by older IDE extensions)
    public const string GetAuthStatus = "getAuthStatus";
    public const string AuthStatusChange = "authStatusChange";

    // v2 account surface
    public const string AccountRead = "account/read";
    public const string AccountUpdated = "account/updated";
}
