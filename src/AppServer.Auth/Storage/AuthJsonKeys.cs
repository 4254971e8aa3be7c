namespace AppServer.Auth.Storage;

/// <summary>Member names of <c>auth.json</c> (docs/codex-compatibility.md §1.2), shared by the reader and the writer.</summary>
internal static class AuthJsonKeys
{
    public const string AuthMode = "auth_mode";
    public const string ApiKey = "OPENAI_API_KEY";
    public const string Tokens = "tokens";
    public const string LastRefresh = "last_refresh";

    public const string IdToken = "id_token";
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";
    public const string AccountId = "account_id";

    /// <summary>Names known at the top level; anything else is preserved as an unknown field.</summary>
    public static bool IsTopLevel(string name) =>
        name is AuthMode or ApiKey or Tokens or LastRefresh;

    /// <summary>Names known inside <c>tokens</c>; anything else is preserved as an unknown field.</summary>
    public static bool IsTokenLevel(string name) =>
        name is IdToken or AccessToken or RefreshToken or AccountId;
}
