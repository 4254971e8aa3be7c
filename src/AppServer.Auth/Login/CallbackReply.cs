namespace AppServer.Auth.Login;

/// <summary>What the callback server sends for one request, and whether sending it ends the login.</summary>
/// <param name="Reply">The HTTP response.</param>
/// <param name="Ending">The login's result once the response is sent, or <see langword="null"/> to keep serving.</param>
internal sealed record CallbackReply(HttpReply Reply, LoginResult? Ending = null);
