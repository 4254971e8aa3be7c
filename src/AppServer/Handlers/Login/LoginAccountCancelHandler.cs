using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.Login;

/// <summary><c>account/login/cancel</c>: <c>canceled</c> or <c>notFound</c>; a non-UUID id is -32600.</summary>
internal sealed class LoginAccountCancelHandler(LoginService logins)
    : RequestHandler<CancelLoginAccountParams, CancelLoginAccountResponse>(static json => json.CancelLoginAccountParams, static json => json.CancelLoginAccountResponse)
{
    public override string Method => Methods.AccountLoginCancel;

    protected override ValueTask<CancelLoginAccountResponse> HandleAsync(CancelLoginAccountParams parameters, ConnectionSession session, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(parameters.LoginId, out var loginId))
        {
            throw LoginErrors.InvalidLoginId(parameters.LoginId);
        }

        var status = logins.ChatGpt.TryCancel(loginId) == Auth.Login.CancelLoginStatus.Canceled ? CancelLoginStatus.Canceled : CancelLoginStatus.NotFound;
        return ValueTask.FromResult(new CancelLoginAccountResponse(status));
    }
}
