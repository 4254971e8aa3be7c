using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.Login;

/// <summary><c>account/login/start</c> (v2, contract §7.2).</summary>
internal sealed class LoginAccountStartHandler(LoginService logins)
    : RequestHandler<LoginAccountParams, LoginAccountResponse>(ProtocolJsonContext.Default.LoginAccountParams, ProtocolJsonContext.Default.LoginAccountResponse)
{
    public override string Method => Methods.AccountLoginStart;

    protected override ValueTask<LoginAccountResponse> HandleAsync(LoginAccountParams parameters, ConnectionSession session, CancellationToken cancellationToken)
    {
        switch (parameters)
        {
            case ApiKeyLoginParams apiKey:
                logins.LoginWithApiKey(apiKey.ApiKey, session, LoginFamily.V2);
                return ValueTask.FromResult<LoginAccountResponse>(new ApiKeyLoginResponse());
            case ChatGptAuthTokensLoginParams tokens:
                logins.SetExternalTokens(tokens, session);
                return ValueTask.FromResult<LoginAccountResponse>(new ChatGptAuthTokensLoginResponse());
            default:
                throw ProtocolErrorException.InvalidParams("unsupported login type");
        }
    }
}
