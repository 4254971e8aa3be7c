namespace AppServer.Auth.Config;

/// <summary>
/// Login restrictions an administrator sets in <c>$CODEX_HOME/config.toml</c>, read the way
/// upstream names them: <c>forced_login_method = "chatgpt" | "api"</c> and
/// <c>forced_chatgpt_workspace_id = "…"</c>.
/// </summary>
internal sealed record LoginPolicy(ForcedLoginMethod? ForcedMethod, string? ForcedWorkspaceId)
{
    public static LoginPolicy None { get; } = new(null, null);

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
