namespace AppServer.Auth.Login;

/// <summary>
/// User-facing login messages (docs/codex-compatibility.md §7.2, §8). IDE clients show them verbatim and some match on
/// them, so the wording is part of the compatibility contract. None may ever carry a code, state,
/// verifier, token or key.
/// </summary>
internal static class LoginMessages
{
    /// <summary>What the app-server prefixes to a failed browser login (docs/codex-compatibility.md §7.2).</summary>
    public const string ServerErrorPrefix = "Login server error: ";

    /// <summary>Cancel, shutdown or replacement ended the login.</summary>
    public const string NotCompleted = "Login was not completed";

    /// <summary>A newer login server asked this one to stop (<c>GET /cancel</c>).</summary>
    public const string Cancelled = "Login cancelled";

    /// <summary>The browser flow's overall limit passed (not wrapped in <see cref="ServerErrorPrefix"/>).</summary>
    public const string TimedOut = "Login timed out";

    public const string StateMismatch = "State mismatch";

    public const string MissingEntitlement =
        "Codex is not enabled for your workspace. Contact your workspace administrator to request access to Codex.";

    public const string MissingCode = "Missing authorization code. Sign-in could not be completed.";

    public const string SaveFailed = "Sign-in completed but credentials could not be saved locally.";

    // "an chatgpt_account_id" is upstream's wording; clients may match on it.
    public const string WorkspaceClaimMissing =
        "Login is restricted to a specific workspace, but the token did not include an chatgpt_account_id claim.";

    public const string DeviceCodeNotEnabled =
        "device code login is not enabled for this Codex server. Use the browser login or verify the server URL.";

    public static string ServerError(string error) => ServerErrorPrefix + error;

    public static string SignInFailed(string detail) => $"Sign-in failed: {detail}";

    public static string WorkspaceRestricted(string workspaceId) => $"Login is restricted to workspace id {workspaceId}.";

    public static string TokenExchangeFailed(string cause) => $"Token exchange failed: {cause}";

    public static string DeviceCodeExchangeFailed(string cause) => $"device code exchange failed: {cause}";

    /// <summary>The cause of a non-2xx code exchange; <paramref name="detail"/> must already be scrubbed.</summary>
    public static string TokenEndpointStatus(int status, string detail) => $"token endpoint returned status {status}: {detail}";

    public static string PortInUse(int port) => $"Port 127.0.0.1:{port} is already in use";

    public static string DeviceCodeRequestStatus(int status) => $"device code request failed with status {status}";

    public static string DeviceAuthStatus(int status) => $"device auth failed with status {status}";

    public static string DeviceAuthTimedOut(TimeSpan limit) => $"device auth timed out after {limit.TotalMinutes:0.##} minutes";
}
