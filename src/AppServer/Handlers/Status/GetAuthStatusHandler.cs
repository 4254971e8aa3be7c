using AppServer.Auth;
using AppServer.Auth.Manager;
using AppServer.Protocol;
using AppServer.Rpc;
using Microsoft.Extensions.Logging;

namespace AppServer.Handlers.Status;

/// <summary>
/// <c>getAuthStatus</c> (v1, docs/codex-compatibility.md §4.5). On poisoned credentials it keeps the auth method,
/// leaves out the dead token and adds <c>refreshFailure</c>; the shape never changes otherwise.
/// A <c>rejectedAuthToken</c> fences the refresh on the token the API refused and adds <c>authHealth</c>.
/// </summary>
internal sealed partial class GetAuthStatusHandler(AuthManager auth, ILogger<GetAuthStatusHandler> logger)
    : RequestHandler<GetAuthStatusParams, GetAuthStatusResponse>(static json => json.GetAuthStatusParams, static json => json.GetAuthStatusResponse)
{
    private static readonly GetAuthStatusResponse s_noAuth = new(null, null, true);

    public override string Method => Methods.GetAuthStatus;

    protected override async ValueTask<GetAuthStatusResponse> HandleAsync(GetAuthStatusParams parameters, ConnectionSession session, CancellationToken cancellationToken)
    {
        CredentialSnapshot snapshot;
        var rejected = RejectedToken.Validate(parameters.RejectedAuthToken);
        if (rejected is not null)
        {
            // As with refreshToken, the outcome shows up in the snapshot, the poison and the health.
            await auth.RefreshRejectedAsync(rejected, cancellationToken).ConfigureAwait(false);
            snapshot = auth.Current;
        }
        else if (parameters.RefreshToken == true)
        {
            // The outcome is not reported (docs/codex-compatibility.md §4.5 step 1): a permanent failure shows up as the
            // poison below; a transient one leaves the still-usable token in place.
            await RequestScope.ParkWhile(auth.RefreshAsync(cancellationToken)).ConfigureAwait(false);
            snapshot = auth.Current;
        }
        else
        {
            snapshot = await RequestScope.ParkWhile(auth.GetCurrentAsync(cancellationToken)).ConfigureAwait(false);
        }

        var response = Describe(snapshot, parameters.IncludeToken == true);
        return rejected is null ? response : response with { AuthHealth = auth.Health.ToWire() };
    }

    private GetAuthStatusResponse Describe(CredentialSnapshot snapshot, bool includeToken)
    {
        if (snapshot.Mode is not { } mode)
        {
            return s_noAuth;
        }

        if (auth.PoisonFor(snapshot) is { } poison)
        {
            return new GetAuthStatusResponse(mode.ToWire(), null, true, poison.ToWire());
        }

        if (snapshot.BearerToken is not { Length: > 0 } bearer)
        {
            LogNoBearer(logger);
            return s_noAuth;
        }

        return new GetAuthStatusResponse(mode.ToWire(), includeToken ? bearer : null, true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credentials are present but hold no usable bearer token (missing tokens or last_refresh)")]
    private static partial void LogNoBearer(ILogger logger);
}
