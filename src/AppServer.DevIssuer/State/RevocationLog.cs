namespace AppServer.DevIssuer.State;

/// <summary>One revoke the issuer accepted.</summary>
/// <param name="Token">The token as sent (these are mock tokens; a test compares them).</param>
/// <param name="TokenTypeHint">The <c>token_type_hint</c> sent, or null.</param>
/// <param name="ClientId">The <c>client_id</c> sent, or null.</param>
internal sealed record RevokedToken(string Token, string? TokenTypeHint, string? ClientId);

/// <summary>Every accepted revoke, in arrival order.</summary>
internal sealed class RevocationLog
{
    private readonly Lock _lock = new();
    private readonly List<RevokedToken> _revoked = [];

    public void Add(RevokedToken revoked)
    {
        lock (_lock)
        {
            _revoked.Add(revoked);
        }
    }

    public IReadOnlyList<RevokedToken> Snapshot()
    {
        lock (_lock)
        {
            return [.. _revoked];
        }
    }
}
