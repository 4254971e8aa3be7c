using AppServer.Auth;
using AppServer.Auth.Config;
using AppServer.Auth.Jwt;
using AppServer.Auth.Manager;
using AppServer.Auth.Storage;
using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.Login;

/// <summary>
/// Every way credentials are set or removed over JSON-RPC, shared by the v1 and v2 handlers: the
/// policy checks, the write through the AuthManager, and the notification order (the method's
/// result, then the login's completion, then <c>account/updated</c>).
/// </summary>
internal sealed class LoginService(AuthManager auth, AccountNotifier notifier, ConnectionRegistry connections, LoginPolicy policy, ChatGptLogins chatGpt, TimeProvider timeProvider)
{
    public ChatGptLogins ChatGpt => chatGpt;

    public void LoginWithApiKey(string apiKey, ConnectionSession session, LoginFamily family)
    {
        if (auth.Current.IsExternal)
        {
            throw LoginErrors.ExternalAuthActive();
        }

        LoginErrors.ThrowIfRefused(policy, LoginKind.ApiKey);

        chatGpt.CancelActive();
        var hold = notifier.Hold();
        try
        {
            auth.LoginWithApiKey(apiKey);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            hold.Dispose();
            throw ProtocolErrorException.Internal($"failed to save api key: {LoginErrors.Describe(ex)}");
        }

        AnnounceAfterResponse(session, family == LoginFamily.V2 ? new AccountLoginCompletedNotification(null, true, null) : null, hold);
    }

    public void SetExternalTokens(ChatGptAuthTokensLoginParams parameters, ConnectionSession session)
    {
        if (!session.ExperimentalApi)
        {
            throw LoginErrors.ExperimentalRequired("account/login/start.chatgptAuthTokens");
        }

        LoginErrors.ThrowIfRefused(policy, LoginKind.ExternalTokens);

        if (policy.ForcedWorkspaceId is { } workspace && workspace != parameters.ChatGptAccountId)
        {
            throw LoginErrors.WorkspaceMismatch(workspace, parameters.ChatGptAccountId);
        }

        // Claims come from the access token itself (docs/codex-compatibility.md §1.2); the plan the host names wins.
        if (!IdTokenClaimsParser.TryParse(parameters.AccessToken, out var claims))
        {
            throw ProtocolErrorException.Internal("failed to set external auth: the access token is not a JWT");
        }

        claims = claims with { PlanType = parameters.ChatGptPlanType ?? claims.PlanType, AccountId = parameters.ChatGptAccountId };
        var record = new AuthRecord
        {
            ExplicitMode = CredentialMode.ChatGptAuthTokens,
            Tokens = new TokenData(parameters.AccessToken, claims, parameters.AccessToken, RefreshToken: string.Empty, parameters.ChatGptAccountId),
            LastRefresh = timeProvider.GetUtcNow(),
        };

        chatGpt.CancelActive();
        var hold = notifier.Hold();
        auth.SetExternalTokens(record);
        AnnounceAfterResponse(session, new AccountLoginCompletedNotification(null, true, null), hold);
    }

    public void Logout(ConnectionSession session)
    {
        var wasLoggedIn = !auth.Current.IsNone;
        chatGpt.CancelActive();
        var hold = notifier.Hold();
        try
        {
            auth.Logout();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            hold.Dispose();
            throw ProtocolErrorException.Internal($"logout failed: {LoginErrors.Describe(ex)}");
        }

        if (!wasLoggedIn)
        {
            // Nothing changed, but clients expect the account/updated that follows a logout.
            notifier.Announce(CredentialSnapshot.None);
        }

        AnnounceAfterResponse(session, completion: null, hold);
    }

    private void AnnounceAfterResponse(ConnectionSession session, AccountLoginCompletedNotification? completion, IDisposable hold) =>
        session.AfterResponse.Add(async () =>
        {
            try
            {
                if (completion is not null)
                {
                    await connections.BroadcastAsync(Methods.AccountLoginCompleted, completion, ProtocolJsonContext.Default.AccountLoginCompletedNotification).ConfigureAwait(false);
                }
            }
            finally
            {
                hold.Dispose();
            }
        });
}
