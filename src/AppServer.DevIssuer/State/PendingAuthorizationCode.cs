namespace AppServer.DevIssuer.State;

/// <summary>An authorization code waiting to be exchanged, with what the exchange must prove.</summary>
internal sealed record PendingAuthorizationCode(string CodeChallenge, string RedirectUri, IssuedCredentials Credentials);
