using System.Globalization;
using System.Text.Json.Nodes;
using AppServer.DevIssuer.State;
using Microsoft.AspNetCore.Http;

namespace AppServer.DevIssuer.Http;

/// <summary>
/// <c>POST /oauth/token</c> with <c>grant_type=refresh_token</c>: count, gate, script, mode, then
/// single-use rotation.
/// </summary>
internal sealed class RefreshHandler
{
    private static readonly string s_reusedMessage =
        "Your refresh token has already been used to generate a new access token. Please try signing in again.";

    private static readonly string s_invalidatedMessage = "Your refresh token has been invalidated. Please try signing in again.";

    // What Codex 0.169 and later send as refresh_reason; an absent one is accepted (older clients).
    private static readonly HashSet<string> s_refreshReasons = new(StringComparer.Ordinal) { "forced", "proactive_expiry", "scheduled", "unauthorized_recovery" };

    private readonly IssuerState _state;

    public RefreshHandler(IssuerState state) => _state = state;

    public async Task HandleAsync(HttpContext context, RequestFields fields, CancellationToken cancellationToken)
    {
        // The gate and the script are taken before the arrival is signalled: a test that releases the
        // gate as soon as it sees N arrivals must free all N, and scripts must pair with arrival order.
        var gate = _state.CurrentGate;
        var scripted = _state.Scripts.TryDequeue(IssuerEndpoint.Refresh);
        _state.Journal.CountRefresh();
        _state.RefreshReasons.AddOrUpdate(fields["refresh_reason"] ?? "none", 1, (_, n) => n + 1);

        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (scripted is not null)
        {
            await MockResponseWriter.WriteAsync(context, scripted, cancellationToken).ConfigureAwait(false);
            return;
        }

        var mode = _state.Mode;
        switch (mode.Mode)
        {
            case RefreshMode.PermanentFailure:
                await IssuerResponses.RefreshErrorAsync(
                    context, StatusCodes.Status401Unauthorized, mode.ErrorCode, "The refresh token was rejected.", cancellationToken).ConfigureAwait(false);
                return;
            case RefreshMode.Transient:
                await IssuerResponses.RefreshErrorAsync(
                    context, StatusCodes.Status503ServiceUnavailable, "service_unavailable", "The service is temporarily unavailable.", cancellationToken).ConfigureAwait(false);
                return;
            case RefreshMode.RateLimited:
                context.Response.Headers.RetryAfter = mode.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await IssuerResponses.RefreshErrorAsync(
                    context, StatusCodes.Status429TooManyRequests, "rate_limit_exceeded", "Too many requests.", cancellationToken).ConfigureAwait(false);
                return;
            case RefreshMode.Slow:
                await Task.Delay(mode.Delay, cancellationToken).ConfigureAwait(false);
                break;
        }

        await RotateAsync(context, fields, cancellationToken).ConfigureAwait(false);
    }

    private Task RotateAsync(HttpContext context, RequestFields fields, CancellationToken cancellationToken)
    {
        if (!_state.AcceptsClient(fields.ClientId))
        {
            return IssuerResponses.RefreshErrorAsync(
                context, StatusCodes.Status401Unauthorized, "invalid_client", "Unknown or missing client_id.", cancellationToken);
        }

        if (fields["refresh_reason"] is { } reason && !s_refreshReasons.Contains(reason))
        {
            return IssuerResponses.JsonAsync(
                context,
                StatusCodes.Status400BadRequest,
                new JsonObject { ["error"] = new JsonObject { ["code"] = "invalid_request", ["message"] = "refresh_reason is not a known reason." } },
                cancellationToken);
        }

        if (fields["refresh_token"] is not { Length: > 0 } refreshToken)
        {
            return IssuerResponses.JsonAsync(
                context,
                StatusCodes.Status400BadRequest,
                new JsonObject { ["error"] = new JsonObject { ["code"] = "invalid_request", ["message"] = "refresh_token is required." } },
                cancellationToken);
        }

        if (_state.Grants.TryRedeem(refreshToken, out var credentials, out var errorCode))
        {
            return IssuerResponses.TokensAsync(context, credentials, cancellationToken);
        }

        var message = errorCode == GrantStore.ReusedCode ? s_reusedMessage : s_invalidatedMessage;
        return IssuerResponses.RefreshErrorAsync(context, StatusCodes.Status401Unauthorized, errorCode, message, cancellationToken);
    }
}
