namespace AppServer.Protocol;

/// <summary>JSON-RPC method names, client → server requests and server → client notifications.</summary>
public static class Methods
{
    // Handshake
    public const string Initialize = "initialize";
    public const string Initialized = "initialized";

    // v1 surface (still used by older IDE extensions)
    public const string GetAuthStatus = "getAuthStatus";
    public const string LoginApiKey = "loginApiKey";
    public const string LoginChatGpt = "loginChatGpt";
    public const string CancelLoginChatGpt = "cancelLoginChatGpt";
    public const string LogoutChatGpt = "logoutChatGpt";
    public const string UserInfo = "userInfo";
    public const string GetUserAgent = "getUserAgent";
    public const string AuthStatusChange = "authStatusChange";
    public const string LoginChatGptComplete = "loginChatGptComplete";

    // v2 account surface
    public const string AccountRead = "account/read";
    public const string AccountLoginStart = "account/login/start";
    public const string AccountLoginCancel = "account/login/cancel";
    public const string AccountLogout = "account/logout";
    public const string AccountUpdated = "account/updated";
    public const string AccountLoginCompleted = "account/login/completed";
    public const string AccountAuthHealthRead = "account/authHealth/read";
    public const string AccountAuthHealthChanged = "account/authHealth/changed";
}
