namespace AppServer.Auth.Config;

/// <summary>
/// Login restrictions an administrator sets in <c>$CODEX_HOME/config.toml</c>, read the way
/// upstream names them: <c>forced_login_method = "chatgpt" | "api"</c> and
/// <c>forced_chatgpt_workspace_id = "…"</c>.
/// </summary>
internal sealed record LoginPolicy(ForcedLoginMethod? ForcedMethod, string? ForcedWorkspaceId)
{
    public const string ApiKeyLoginDisabled = "API key login is disabled. Use ChatGPT login instead.";

    public const string ChatGptLoginDisabled = "ChatGPT login is disabled. Use API key login instead.";

    public const string ExternalAuthDisabled = "External ChatGPT auth is disabled. Use API key login instead.";

    public static LoginPolicy None { get; } = new(null, null);

    /// <summary>
    /// Why <paramref name="kind"/> is not allowed, in the words Codex uses; null when it is. The
    /// server's handlers and the command-line verbs both ask here, so an administrator's policy
    /// cannot be side-stepped by logging in from a terminal.
    /// </summary>
    public string? Refusal(LoginKind kind) => (ForcedMethod, kind) switch
    {
        (ForcedLoginMethod.ChatGpt, LoginKind.ApiKey) => ApiKeyLoginDisabled,
        (ForcedLoginMethod.Api, LoginKind.ChatGpt) => ChatGptLoginDisabled,
        (ForcedLoginMethod.Api, LoginKind.ExternalTokens) => ExternalAuthDisabled,
        _ => null,
    };

    public static LoginPolicy From(CodexConfig config)
    {
        ForcedLoginMethod? method = config.ForcedLoginMethod switch
        {
            "chatgpt" => ForcedLoginMethod.ChatGpt,
            "api" => ForcedLoginMethod.Api,
            _ => null,
        };
        return new LoginPolicy(method, config.ForcedChatGptWorkspaceId);
    }
}

internal enum ForcedLoginMethod
{
    ChatGpt,
    Api,
}
