namespace AppServer.DevIssuer.State;

/// <summary>A refresh token the issuer handed out, the identity it refreshes, and whether it was spent.</summary>
internal sealed record Grant(MockAccount Account, bool Used);
