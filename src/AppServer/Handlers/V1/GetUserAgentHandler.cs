using AppServer.Handlers.Initialize;
using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.V1;

/// <summary><c>getUserAgent</c> (v1): the User-Agent sent to the token endpoint.</summary>
internal sealed class GetUserAgentHandler(UserAgent userAgent)
    : RequestHandler<NoParams, GetUserAgentResponse>(static json => json.NoParams, static json => json.GetUserAgentResponse)
{
    private static readonly NoParams s_none = new();

    public override string Method => Methods.GetUserAgent;

    protected override NoParams? ParamsWhenAbsent => s_none;

    protected override ValueTask<GetUserAgentResponse> HandleAsync(NoParams parameters, ConnectionSession session, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new GetUserAgentResponse(userAgent.Value));
}
