using AppServer.Handlers.Login;
using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.V1;

/// <summary><c>logoutChatGpt</c> (v1).</summary>
internal sealed class LogoutChatGptHandler(LoginService logins)
    : RequestHandler<NoParams, LogoutChatGptResponse>(static json => json.NoParams, static json => json.LogoutChatGptResponse)
{
    private static readonly NoParams s_none = new();
    private static readonly LogoutChatGptResponse s_done = new();

    public override string Method => Methods.LogoutChatGpt;

    protected override NoParams? ParamsWhenAbsent => s_none;

    protected override ValueTask<LogoutChatGptResponse> HandleAsync(NoParams parameters, ConnectionSession session, CancellationToken cancellationToken)
    {
        logins.Logout(session);
        return ValueTask.FromResult(s_done);
    }
}
