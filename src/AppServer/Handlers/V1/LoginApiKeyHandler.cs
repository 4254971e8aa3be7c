using AppServer.Handlers.Login;
using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.V1;

/// <summary><c>loginApiKey</c> (v1): saves the key; the change is announced like any other.</summary>
internal sealed class LoginApiKeyHandler(LoginService logins)
    : RequestHandler<LoginApiKeyParams, LoginApiKeyResponse>(static json => json.LoginApiKeyParams, static json => json.LoginApiKeyResponse)
{
    private static readonly LoginApiKeyResponse s_done = new();

    public override string Method => Methods.LoginApiKey;

    protected override ValueTask<LoginApiKeyResponse> HandleAsync(LoginApiKeyParams parameters, ConnectionSession session, CancellationToken cancellationToken)
    {
        logins.LoginWithApiKey(parameters.ApiKey, session, LoginFamily.V1);
        return ValueTask.FromResult(s_done);
    }
}
