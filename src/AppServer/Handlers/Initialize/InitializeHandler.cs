using AppServer.Auth;
using AppServer.Protocol;
using AppServer.Rpc;

namespace AppServer.Handlers.Initialize;

/// <summary><c>initialize</c>: the once-per-connection handshake (docs/codex-compatibility.md §6.3).</summary>
internal sealed class InitializeHandler(CodexHome home, UserAgent userAgent)
    : RequestHandler<InitializeParams, InitializeResponse>(static json => json.InitializeParams, static json => json.InitializeResponse)
{
    public override string Method => Methods.Initialize;

    protected override bool RequiresInitialization => false;

    protected override ValueTask<InitializeResponse> HandleAsync(InitializeParams parameters, ConnectionSession session, CancellationToken cancellationToken)
    {
        var client = parameters.ClientInfo;
        if (!HeaderValue.IsValid(client.Name))
        {
            throw ProtocolErrorException.InvalidRequest(ErrorMessages.InvalidClientName(client.Name));
        }

        if (home.Error is { } homeError)
        {
            throw ProtocolErrorException.Internal(ErrorMessages.InvalidCodexHome(homeError));
        }

        if (!session.TryInitialize(client, parameters.Capabilities))
        {
            throw ProtocolErrorException.InvalidRequest(ErrorMessages.AlreadyInitialized);
        }

        userAgent.ApplyClient(client);
        return ValueTask.FromResult(new InitializeResponse(userAgent.Value, home.Path, Platform.Family, Platform.OsName));
    }
}
