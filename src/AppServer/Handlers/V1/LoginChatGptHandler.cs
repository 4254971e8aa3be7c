using AppServer.Handlers.Login;
using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.V1;

/// <summary><c>loginChatGpt</c> (v1): a browser login that completes with <c>loginChatGptComplete</c>.</summary>
internal sealed class LoginChatGptHandler(LoginService logins)
    : RequestHandler<NoParams, LoginChatGptResponse>(static json => json.NoParams, static json => json.LoginChatGptResponse)
{
    private static readonly NoParams s_none = new();

    public override string Method => Methods.LoginChatGpt;

    protected override NoParams? ParamsWhenAbsent => s_none;

    protected override async ValueTask<LoginChatGptResponse> HandleAsync(NoParams parameters, ConnectionSession session, CancellationToken cancellationToken)
    {
        var login = await logins.ChatGpt.StartBrowserAsync(session, LoginFamily.V1, cancellationToken).ConfigureAwait(false);
        return new LoginChatGptResponse(login.LoginId.ToString(), login.AuthUrl);
    }
}
