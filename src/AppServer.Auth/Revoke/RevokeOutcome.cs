namespace AppServer.Auth.Revoke;

/// <summary>
/// How a revoke ended. <see cref="Detail"/> names a status, a network failure kind or a timeout,
/// never the token.
/// </summary>
internal sealed record RevokeOutcome(bool Revoked, string TypeHint, string Detail)
{
    public static RevokeOutcome Succeeded(string typeHint, int status) => new(true, typeHint, $"HTTP {status}");

    public static RevokeOutcome Failed(string typeHint, string detail) => new(false, typeHint, detail);
}
