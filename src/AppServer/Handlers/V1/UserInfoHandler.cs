using AppServer.Auth.Manager;
using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.V1;

/// <summary><c>userInfo</c> (v1): the id_token email, not verified.</summary>
internal sealed class UserInfoHandler(AuthManager auth)
    : RequestHandler<NoParams, UserInfoResponse>(static json => json.NoParams, static json => json.UserInfoResponse)
{
    private static readonly NoParams s_none = new();

    public override string Method => Methods.UserInfo;

    protected override NoParams? ParamsWhenAbsent => s_none;

    protected override ValueTask<UserInfoResponse> HandleAsync(NoParams parameters, ConnectionSession session, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new UserInfoResponse(auth.Current.Record?.Tokens?.IdClaims.Email));
}
