namespace AppServer.Auth.Storage;

/// <summary>The on-disk spelling of <c>auth_mode</c> (docs/codex-compatibility.md §1.2, §7.4). Case-sensitive, like upstream.</summary>
internal static class AuthModeNames
{
    public const string ApiKey = "apikey";
    public const string ChatGpt = "chatgpt";
    public const string ChatGptAuthTokens = "chatgptAuthTokens";

    public static string ToDisk(CredentialMode mode) => mode switch
    {
        CredentialMode.ApiKey => ApiKey,
        CredentialMode.ChatGpt => ChatGpt,
        CredentialMode.ChatGptAuthTokens => ChatGptAuthTokens,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown credential mode."),
    };

    public static bool TryParse(string value, out CredentialMode mode)
    {
        switch (value)
        {
            case ApiKey:
                mode = CredentialMode.ApiKey;
                return true;
            case ChatGpt:
                mode = CredentialMode.ChatGpt;
                return true;
            case ChatGptAuthTokens:
                mode = CredentialMode.ChatGptAuthTokens;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    /// <summary>
    /// True when <paramref name="value"/> is a known mode in the wrong case (e.g. the wire's
    /// <c>"apiKey"</c>). Such a value is safe to echo in an error, unlike an arbitrary string.
    /// </summary>
    public static bool IsMiscasedKnownName(string value) =>
        string.Equals(value, ApiKey, StringComparison.OrdinalIgnoreCase)
        || string.Equals(value, ChatGpt, StringComparison.OrdinalIgnoreCase)
        || string.Equals(value, ChatGptAuthTokens, StringComparison.OrdinalIgnoreCase);
}
