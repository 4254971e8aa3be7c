namespace AppServer.Auth.Login;

/// <summary>The issuer URLs and fixed OAuth values the login flows use (docs/codex-compatibility.md §8, §11).</summary>
internal static class LoginEndpoints
{
    public const string DefaultIssuer = "https://auth.openai.com";

    public const string Scope = "openid profile email offline_access api.connectors.read api.connectors.invoke";

    public const string CallbackPath = "/auth/callback";

    public const string SuccessPath = "/success";

    public const string CancelPath = "/cancel";

    /// <summary>
    /// The issuer without a trailing slash, so <c>{issuer}/oauth/token</c> never has a double slash
    /// (the device-code redirect URI is compared as a string by the issuer).
    /// </summary>
    public static string Normalize(string issuer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        return issuer.Trim().TrimEnd('/');
    }

    public static Uri Token(string issuer) => new(Normalize(issuer) + "/oauth/token");

    public static string Authorize(string issuer) => Normalize(issuer) + "/oauth/authorize";

    public static Uri DeviceUserCode(string issuer) => new(Normalize(issuer) + "/api/accounts/deviceauth/usercode");

    public static Uri DeviceToken(string issuer) => new(Normalize(issuer) + "/api/accounts/deviceauth/token");

    public static string DeviceVerification(string issuer) => Normalize(issuer) + "/codex/device";

    public static string DeviceRedirect(string issuer) => Normalize(issuer) + "/deviceauth/callback";

    /// <summary>The browser login's redirect URI. <c>localhost</c>, not 127.0.0.1: it is what the issuer allow-lists.</summary>
    public static string BrowserRedirect(int port) => $"http://localhost:{port}{CallbackPath}";

    /// <summary>The success page's address up to and including the <c>?</c>.</summary>
    public static string SuccessUrlPrefix(int port) => $"http://localhost:{port}{SuccessPath}?";

    /// <summary>Where the success page sends the user on (docs/codex-compatibility.md §8.1 step 8).</summary>
    public static string PlatformUrl(string issuer) =>
        string.Equals(Normalize(issuer), DefaultIssuer, StringComparison.Ordinal)
            ? "https://platform.openai.com"
            : "https://platform.api.openai.org";
}
