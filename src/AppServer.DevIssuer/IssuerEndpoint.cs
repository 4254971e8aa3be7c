namespace AppServer.DevIssuer;

/// <summary>
/// The issuer operations a scripted <see cref="MockResponse"/> can replace. The three
/// <c>/oauth/token</c> grants are separate because one login flow calls more than one of them.
/// </summary>
internal enum IssuerEndpoint
{
    /// <summary><c>POST /oauth/token</c> with <c>grant_type=refresh_token</c>.</summary>
    Refresh,

    /// <summary><c>POST /oauth/token</c> with <c>grant_type=authorization_code</c>.</summary>
    AuthorizationCode,

    /// <summary><c>POST /oauth/token</c> with the token-exchange grant that yields an API key.</summary>
    ApiKeyExchange,

    /// <summary><c>GET /oauth/authorize</c>.</summary>
    Authorize,

    /// <summary><c>POST /api/accounts/deviceauth/usercode</c>.</summary>
    DeviceUserCode,

    /// <summary><c>POST /api/accounts/deviceauth/token</c>.</summary>
    DeviceToken,

    /// <summary><c>POST /oauth/revoke</c>.</summary>
    Revoke,
}
