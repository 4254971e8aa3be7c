using AppServer.Auth.Config;
using AppServer.Rpc;

namespace AppServer.Handlers.Login;

/// <summary>The login error catalogue of docs/codex-compatibility.md §6.2, word for word.</summary>
internal static class LoginErrors
{
    public static ProtocolErrorException ExternalAuthActive() => ProtocolErrorException.InvalidRequest(
        "External auth is active. Use account/login/start (chatgptAuthTokens) to update it or account/logout to clear it.");

    /// <summary>Throws the -32600 for a login the forced login method refuses (the same check the CLI makes).</summary>
    public static void ThrowIfRefused(LoginPolicy policy, LoginKind kind)
    {
        if (policy.Refusal(kind) is { } refusal)
        {
            throw ProtocolErrorException.InvalidRequest(refusal);
        }
    }

    public static ProtocolErrorException ExperimentalRequired(string reason) => ProtocolErrorException.InvalidRequest($"{reason} requires experimentalApi capability");

    public static ProtocolErrorException WorkspaceMismatch(string expected, string received) =>
        ProtocolErrorException.InvalidRequest($"External auth must use workspace {expected}, but received \"{received}\".");

    public static ProtocolErrorException InvalidLoginId(string id) => ProtocolErrorException.InvalidRequest($"invalid login id: {id}");

    public static ProtocolErrorException LoginIdNotFound(string id) => ProtocolErrorException.InvalidRequest($"login id not found: {id}");

    /// <summary>A storage failure, described without the path or the exception's own text.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        // A keyring failure names its cause (no Secret Service, a locked collection), never a path or a secret.
        Auth.Keyring.KeyringException keyring => keyring.Message,
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "the directory does not exist",
        _ => "the credentials file could not be written",
    };
}
