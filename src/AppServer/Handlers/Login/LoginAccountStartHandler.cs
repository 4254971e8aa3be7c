using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.Login;

/// <summary><c>account/login/start</c> (v2, docs/codex-compatibility.md §7.2).</summary>
internal sealed class LoginAccountStartHandler(LoginService logins)
    : RequestHandler<LoginAccountParams, LoginAccountResponse>(static json => json.LoginAccountParams, static json => json.LoginAccountResponse)
{
    public override string Method => Methods.AccountLoginStart;

    protected override async ValueTask<LoginAccountResponse> HandleAsync(LoginAccountParams parameters, ConnectionSession session, CancellationToken cancellationToken)
    {
        switch (parameters)
        {
            case ApiKeyLoginParams apiKey:
                logins.LoginWithApiKey(apiKey.ApiKey, session, LoginFamily.V2);
                return new ApiKeyLoginResponse();
            case ChatGptAuthTokensLoginParams tokens:
                logins.SetExternalTokens(tokens, session);
                return new ChatGptAuthTokensLoginResponse();
            case ChatGptLoginParams:
                var browser = await logins.ChatGpt.StartBrowserAsync(session, LoginFamily.V2, cancellationToken).ConfigureAwait(false);
                return new ChatGptLoginResponse(browser.LoginId.ToString(), browser.AuthUrl);
            case ChatGptDeviceCodeLoginParams:
                var device = await logins.ChatGpt.StartDeviceCodeAsync(session, cancellationToken).ConfigureAwait(false);
                return new ChatGptDeviceCodeLoginResponse(device.LoginId.ToString(), device.VerificationUrl, device.UserCode);
            default:
                throw ProtocolErrorException.InvalidParams("unsupported login type");
        }
    }
}
