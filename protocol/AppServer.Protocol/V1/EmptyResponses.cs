namespace AppServer.Protocol;

/// <summary><c>loginApiKey</c> result: <c>{}</c>.</summary>
public sealed record LoginApiKeyResponse;

/// <summary><c>cancelLoginChatGpt</c> result: <c>{}</c>.</summary>
public sealed record CancelLoginChatGptResponse;

/// <summary><c>logoutChatGpt</c> result: <c>{}</c>.</summary>
public sealed record LogoutChatGptResponse;

/// <summary>Params of the v1 methods that take none (<c>loginChatGpt</c>, <c>logoutChatGpt</c>, <c>userInfo</c>, <c>getUserAgent</c>).</summary>
public sealed record NoParams;
