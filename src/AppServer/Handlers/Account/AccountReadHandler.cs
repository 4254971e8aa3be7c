using AppServer.Auth;
using AppServer.Auth.Manager;
using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.Account;

/// <summary>
/// <c>account/read</c> (v2, docs/codex-compatibility.md §7.2). A poison does not change what it reports (the account
/// stays visible, unlike Codex's <c>account: null</c>, so the IDE can still say who must sign in
/// again); its only effect here is that <c>refreshToken: true</c> stops reaching the network.
/// </summary>
internal sealed class AccountReadHandler(AuthManager auth)
    : RequestHandler<GetAccountParams, GetAccountResponse>(static json => json.GetAccountParams, static json => json.GetAccountResponse)
{
    private static readonly GetAccountParams s_defaults = new();

    public override string Method => Methods.AccountRead;

    protected override GetAccountParams? ParamsWhenAbsent => s_defaults;

    protected override async ValueTask<GetAccountResponse> HandleAsync(GetAccountParams parameters, ConnectionSession session, CancellationToken cancellationToken)
    {
        var rejected = RejectedToken.Validate(parameters.RejectedAuthToken);
        if (rejected is not null)
        {
            await auth.RefreshRejectedAsync(rejected, cancellationToken).ConfigureAwait(false);
        }
        else if (parameters.RefreshToken == true)
        {
            await RequestScope.ParkWhile(auth.RefreshAsync(cancellationToken)).ConfigureAwait(false);
        }

        var snapshot = auth.Current;
        return new GetAccountResponse(
            Describe(snapshot),
            RequiresOpenaiAuth: true,
            UserId: snapshot.Record?.Tokens?.IdClaims.ChatGptUserId,
            AuthHealth: rejected is null ? null : auth.Health.ToWire());
    }

    private static Protocol.Account? Describe(CredentialSnapshot snapshot) => snapshot.Record switch
    {
        null => null,
        { Mode: CredentialMode.ApiKey } => new ApiKeyAccount(),
        { Tokens: { IdClaims: { Email: { } email } claims } } => new ChatGptAccount(email, WireMapping.ToPlanType(claims.PlanType)),
        _ => throw ProtocolErrorException.InvalidRequest(ErrorMessages.ChatGptAccountIncomplete),
    };
}
