namespace AppServer.DevIssuer;

/// <summary>
/// A token set minted by the mock issuer. <paramref name="RefreshToken"/> is a live, unused grant
/// until it is spent on <c>/oauth/token</c>.
/// </summary>
internal sealed record IssuedCredentials(string IdToken, string AccessToken, string RefreshToken, string AccountId);
