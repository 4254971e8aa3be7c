namespace AppServer.Auth.Config;

/// <summary>The ways credentials can be set, as <see cref="LoginPolicy"/> judges them.</summary>
internal enum LoginKind
{
    /// <summary>An API key (<c>account/login/start apiKey</c>, <c>loginApiKey</c>, <c>appserver login --api-key</c>).</summary>
    ApiKey,

    /// <summary>A browser or device-code ChatGPT sign-in.</summary>
    ChatGpt,

    /// <summary>Host-supplied ChatGPT tokens (<c>chatgptAuthTokens</c>).</summary>
    ExternalTokens,
}
