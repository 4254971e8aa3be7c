namespace AppServer.Protocol;

/// <summary><c>{}</c>.</summary>
public sealed record LogoutAccountResponse;
