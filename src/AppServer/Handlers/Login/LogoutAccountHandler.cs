using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.Login;

/// <summary><c>account/logout</c>: deletes the credentials, clears any poison, then <c>account/updated</c>.</summary>
internal sealed class LogoutAccountHandler(LoginService logins)
    : RequestHandler<LogoutAccountParams, LogoutAccountResponse>(static json => json.LogoutAccountParams, static json => json.LogoutAccountResponse)
{
    private static readonly LogoutAccountParams s_none = new();
    private static readonly LogoutAccountResponse s_done = new();

    public override string Method => Methods.AccountLogout;

    protected override LogoutAccountParams? ParamsWhenAbsent => s_none;

    protected override ValueTask<LogoutAccountResponse> HandleAsync(LogoutAccountParams parameters, ConnectionSession session, CancellationToken cancellationToken)
    {
        logins.Logout(session);
        return ValueTask.FromResult(s_done);
    }
}
