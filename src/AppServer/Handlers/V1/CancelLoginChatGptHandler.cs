using AppServer.Handlers.Login;
using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.V1;

/// <summary><c>cancelLoginChatGpt</c> (v1): <c>{}</c>, or -32600 <c>login id not found: &lt;id&gt;</c>.</summary>
internal sealed class CancelLoginChatGptHandler(LoginService logins)
    : RequestHandler<CancelLoginChatGptParams, CancelLoginChatGptResponse>(static json => json.CancelLoginChatGptParams, static json => json.CancelLoginChatGptResponse)
{
    private static readonly CancelLoginChatGptResponse s_done = new();

    public override string Method => Methods.CancelLoginChatGpt;

    protected override ValueTask<CancelLoginChatGptResponse> HandleAsync(CancelLoginChatGptParams parameters, ConnectionSession session, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(parameters.LoginId, out var loginId) || logins.ChatGpt.TryCancel(loginId) != Auth.Login.CancelLoginStatus.Canceled)
        {
            throw LoginErrors.LoginIdNotFound(parameters.LoginId);
        }

        return ValueTask.FromResult(s_done);
    }
}
