namespace AppServer.Protocol;

/// <summary><c>account/logout</c> takes no params; <c>params</c> may be omitted or <c>{}</c>.</summary>
public sealed record LogoutAccountParams;
