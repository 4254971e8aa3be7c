using System.Text.Json.Nodes;
using AppServer.DevIssuer.State;
using Microsoft.AspNetCore.Http;

namespace AppServer.DevIssuer.Http;

/// <summary>
/// The device-code endpoints (docs/codex-compatibility.md §8.2). Polls answer 403 (pending) until the test calls
/// <see cref="MockIssuer.ApproveDeviceCode"/>.
/// </summary>
internal sealed class DeviceAuthHandler
{
    private readonly IssuerState _state;

    public DeviceAuthHandler(IssuerState state) => _state = state;

    public Task HandleUserCodeAsync(HttpContext context, RequestFields? fields, CancellationToken cancellationToken)
    {
        if (fields is null || !_state.AcceptsClient(fields.ClientId))
        {
            return IssuerResponses.OAuthErrorAsync(
                context, StatusCodes.Status400BadRequest, "invalid_client", "A JSON body with the client_id is required.", cancellationToken);
        }

        var authorization = _state.Devices.Create();

        // interval is a numeric string (docs/codex-compatibility.md §8.2); "0" keeps client polling instant under test.
        return IssuerResponses.JsonAsync(
            context,
            StatusCodes.Status200OK,
            new JsonObject
            {
                ["device_auth_id"] = authorization.DeviceAuthId,
                ["user_code"] = authorization.UserCode,
                ["interval"] = "0",
            },
            cancellationToken);
    }

    public Task HandleTokenAsync(HttpContext context, RequestFields? fields, CancellationToken cancellationToken)
    {
        // Unknown ids get 400, not 404: the client treats 403 and 404 as "keep polling", and a test
        // with a typo should fail fast instead of polling forever.
        if (fields?["device_auth_id"] is not { } deviceAuthId
            || fields["user_code"] is not { } userCode
            || _state.Devices.Find(deviceAuthId, userCode) is not { } authorization)
        {
            return IssuerResponses.OAuthErrorAsync(
                context, StatusCodes.Status400BadRequest, "invalid_request", "Unknown device_auth_id or user_code.", cancellationToken);
        }

        if (authorization.Approval is not { } approval)
        {
            return IssuerResponses.OAuthErrorAsync(
                context, StatusCodes.Status403Forbidden, "authorization_pending", "The user has not approved this code yet.", cancellationToken);
        }

        return IssuerResponses.JsonAsync(
            context,
            StatusCodes.Status200OK,
            new JsonObject
            {
                ["authorization_code"] = approval.AuthorizationCode,
                ["code_challenge"] = approval.CodeChallenge,
                ["code_verifier"] = approval.CodeVerifier,
            },
            cancellationToken);
    }
}
