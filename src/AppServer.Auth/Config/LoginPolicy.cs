namespace AppServer.Auth.Config;

/// <summary>
/// Login restrictions an administrator sets in <c>$CODEX_HOME/config.toml</c>, read the way
/// upstream names them: <c>forced_login_method = "chatgpt" | "api"</c> and
/// <c>forced_chatgpt_workspace_id = "…"</c>.
/// </summary>
internal sealed record LoginPolicy(ForcedLoginMethod? ForcedMethod, string? ForcedWorkspaceId)
{
    public static LoginPolicy None { get; } = new(null, null);

    public static LoginPolicy Load(string codexHome)
    {
        var values = TopLevelTomlStrings.Read(Path.Combine(codexHome, "config.toml"));
        ForcedLoginMethod? method = values.GetValueOrDefault("forced_login_method") switch
        {
            "chatgpt" => ForcedLoginMethod.ChatGpt,
            "api" => ForcedLoginMethod.Api,
            _ => null,
        };
        return new LoginPolicy(method, values.GetValueOrDefault("forced_chatgpt_workspace_id") is { Length: > 0 } workspace ? workspace : null);
    }
}

internal enum ForcedLoginMethod
{
    ChatGpt,
    Api,
}
