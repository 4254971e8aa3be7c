namespace AppServer.Auth;

/// <summary>The three ways credentials can be held (<c>auth_mode</c> in <c>auth.json</c>).</summary>
internal enum CredentialMode
{
    /// <summary><c>"apikey"</c>: an OpenAI API key.</summary>
    ApiKey,

    /// <summary><c>"chatgpt"</c>: managed ChatGPT OAuth tokens that this server refreshes.</summary>
    ChatGpt,

    /// <summary><c>"chatgptAuthTokens"</c>: tokens supplied and refreshed by the host app, held in memory only.</summary>
    ChatGptAuthTokens,
}
