namespace AppServer.Protocol;

/// <summary>
/// Every method AppServer serves or sends, as data: the schema generator, the protocol README and
/// the schema-validation tests all read this list, so they cannot drift apart.
/// </summary>
public static class ProtocolCatalog
{
    public static IReadOnlyList<MethodDescriptor> Methods { get; } =
    [
        Request(Protocol.Methods.Initialize, "handshake", typeof(InitializeParams), typeof(InitializeResponse), "Once per connection; every other request before it gets -32600 Not initialized."),
        new(Protocol.Methods.Initialized, MessageDirection.ClientNotification, "handshake", null, true, null, "Sent by the client after initialize; accepted, never answered."),

        Request(Protocol.Methods.AccountRead, "v2", typeof(GetAccountParams), typeof(GetAccountResponse), "The signed-in account; refreshToken:true refreshes first (never again after a permanent failure).", paramsOptional: true),
        Request(Protocol.Methods.AccountLoginStart, "v2", typeof(LoginAccountParams), typeof(LoginAccountResponse), "Starts a login: apiKey, chatgpt (browser), chatgptDeviceCode or chatgptAuthTokens (experimental)."),
        Request(Protocol.Methods.AccountLoginCancel, "v2", typeof(CancelLoginAccountParams), typeof(CancelLoginAccountResponse), "Cancels an active ChatGPT login."),
        Request(Protocol.Methods.AccountLogout, "v2", typeof(LogoutAccountParams), typeof(LogoutAccountResponse), "Deletes the credentials, clears any poison, cancels any login.", paramsOptional: true),
        Notification(Protocol.Methods.AccountUpdated, "v2", typeof(AccountUpdatedNotification), "The credentials changed, whatever caused it."),
        Notification(Protocol.Methods.AccountLoginCompleted, "v2", typeof(AccountLoginCompletedNotification), "A login started with account/login/start ended."),
        Request(Protocol.Methods.AccountAuthHealthRead, "v2", typeof(NoParams), typeof(AuthHealth), "The health of the credentials: ok, retrying, needsLogin or loggedOut.", paramsOptional: true),
        Notification(Protocol.Methods.AccountAuthHealthChanged, "v2", typeof(AuthHealth), "The health of the credentials changed (sent on every transition and only then)."),

        Request(Protocol.Methods.GetAuthStatus, "v1", typeof(GetAuthStatusParams), typeof(GetAuthStatusResponse), "Auth method and (optionally) token; after a permanent refresh failure the token is left out and refreshFailure added."),
        Request(Protocol.Methods.LoginApiKey, "v1", typeof(LoginApiKeyParams), typeof(LoginApiKeyResponse), "Saves an API key."),
        Request(Protocol.Methods.LoginChatGpt, "v1", typeof(NoParams), typeof(LoginChatGptResponse), "Starts a browser login.", paramsOptional: true),
        Request(Protocol.Methods.CancelLoginChatGpt, "v1", typeof(CancelLoginChatGptParams), typeof(CancelLoginChatGptResponse), "Cancels a browser login; an unknown id gets -32600."),
        Request(Protocol.Methods.LogoutChatGpt, "v1", typeof(NoParams), typeof(LogoutChatGptResponse), "Deletes the credentials.", paramsOptional: true),
        Request(Protocol.Methods.UserInfo, "v1", typeof(NoParams), typeof(UserInfoResponse), "The id_token email (not verified).", paramsOptional: true),
        Request(Protocol.Methods.GetUserAgent, "v1", typeof(NoParams), typeof(GetUserAgentResponse), "The User-Agent sent to the token endpoint.", paramsOptional: true),
        Notification(Protocol.Methods.AuthStatusChange, "v1", typeof(AuthStatusChangeNotification), "The credentials changed (sent alongside account/updated)."),
        Notification(Protocol.Methods.LoginChatGptComplete, "v1", typeof(LoginChatGptCompleteNotification), "A login started with loginChatGpt ended."),
    ];

    private static MethodDescriptor Request(string method, string surface, Type paramsType, Type resultType, string summary, bool paramsOptional = false) =>
        new(method, MessageDirection.ClientRequest, surface, paramsType, paramsOptional, resultType, summary);

    private static MethodDescriptor Notification(string method, string surface, Type paramsType, string summary) =>
        new(method, MessageDirection.ServerNotification, surface, paramsType, false, null, summary);
}
