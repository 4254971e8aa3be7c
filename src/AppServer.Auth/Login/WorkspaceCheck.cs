using AppServer.Auth.Jwt;

namespace AppServer.Auth.Login;

/// <summary>The forced-workspace rule applied to a fresh login (docs/codex-compatibility.md §8.1 step 5).</summary>
internal static class WorkspaceCheck
{
    /// <summary>The client-facing reason the login is refused, or <see langword="null"/> when it may proceed.</summary>
    public static string? Violation(string? forcedWorkspaceId, string idToken)
    {
        if (string.IsNullOrEmpty(forcedWorkspaceId))
        {
            return null;
        }

        if (!IdTokenClaimsParser.TryParse(idToken, out IdTokenClaims? claims) || claims.AccountId is not { } accountId)
        {
            return LoginMessages.WorkspaceClaimMissing;
        }

        return string.Equals(accountId, forcedWorkspaceId, StringComparison.Ordinal)
            ? null
            : LoginMessages.WorkspaceRestricted(forcedWorkspaceId);
    }
}
