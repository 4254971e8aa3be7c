using AppServer.Auth.Manager;
using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.Account;

/// <summary><c>account/authHealth/read</c>: the health <c>account/authHealth/changed</c> last announced (or would announce).</summary>
internal sealed class AuthHealthReadHandler(AuthManager auth)
    : RequestHandler<NoParams, AuthHealth>(static json => json.NoParams, static json => json.AuthHealth)
{
    private static readonly NoParams s_none = new();

    public override string Method => Methods.AccountAuthHealthRead;

    protected override NoParams? ParamsWhenAbsent => s_none;

    protected override ValueTask<AuthHealth> HandleAsync(NoParams parameters, ConnectionSession session, CancellationToken cancellationToken) =>
        ValueTask.FromResult(auth.Health.ToWire());
}
