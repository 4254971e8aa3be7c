namespace AppServer.DevIssuer.State;

/// <summary>A refresh token the issuer handed out, the identity it refreshes, and whether it was spent or revoked.</summary>
internal sealed record Grant(MockAccount Account, bool Used, bool Revoked = false);
