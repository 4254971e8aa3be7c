namespace AppServer.Handlers.Login;

/// <summary>Which protocol surface started a login: its completion is announced in that family's notification.</summary>
internal enum LoginFamily
{
    /// <summary><c>account/login/start</c> → <c>account/login/completed</c>.</summary>
    V2,

    /// <summary><c>loginApiKey</c> / <c>loginChatGpt</c> → <c>loginChatGptComplete</c> (browser logins only).</summary>
    V1,
}
