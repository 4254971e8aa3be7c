namespace AppServer.Auth.Login;

/// <summary>
/// The payload of <c>account/login/completed</c> (and v1 <c>loginChatGptComplete</c>) for a ChatGPT login.
/// </summary>
internal sealed record LoginCompletion(Guid LoginId, bool Success, string? Error);
