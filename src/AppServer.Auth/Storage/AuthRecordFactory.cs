namespace AppServer.Auth.Storage;

/// <summary>Builds the records that logins write (docs/codex-compatibility.md §1.2, "what each writer produces").</summary>
internal static class AuthRecordFactory
{
    /// <summary>
    /// API-key login: <c>auth_mode</c> <c>"apikey"</c> and the key, nothing else. Whatever the file held
    /// before (tokens, unknown fields) is deliberately not carried over.
    /// </summary>
    public static AuthRecord ForApiKey(string apiKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        return new AuthRecord { ExplicitMode = CredentialMode.ApiKey, ApiKey = apiKey };
    }
}
