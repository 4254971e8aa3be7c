namespace AppServer.DevIssuer.Http;

/// <summary>The routes the issuer serves, as the Codex client spells them (docs/codex-compatibility.md §2.1, §8).</summary>
internal static class IssuerPaths
{
    public const string Token = "/oauth/token";
    public const string Revoke = "/oauth/revoke";
    public const string Authorize = "/oauth/authorize";
    public const string DeviceUserCode = "/api/accounts/deviceauth/usercode";
    public const string DeviceToken = "/api/accounts/deviceauth/token";

    /// <summary>Where device-code logins say they redirect; never served, only compared.</summary>
    public const string DeviceCallback = "/deviceauth/callback";
    public const string DeviceVerification = "/codex/device";

    public const string Admin = "/__admin";

    /// <summary>The mock API call that answers 401 to rejected access tokens.</summary>
    public const string Me = "/v1/me";
}
