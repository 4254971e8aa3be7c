using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AppServer.Auth.Refresh;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Login;

/// <summary>The two device-code endpoints (docs/codex-compatibility.md §8.2 steps 1 and 3).</summary>
internal sealed class DeviceCodeClient
{
    public const string UnusableUserCodeBody = "device code request failed: the response could not be read";
    public const string UnusablePollBody = "device auth failed: the approval could not be read";

    private const string UserCodeEndpointName = "device code endpoint";
    private const string PollEndpointName = "device auth endpoint";

    private readonly HttpClient _httpClient;
    private readonly LoginOptions _options;
    private readonly ILogger _logger;

    public DeviceCodeClient(HttpClient httpClient, LoginOptions options, ILogger logger)
    {
        _httpClient = httpClient;
        _options = options;
        _logger = logger;
    }

    /// <summary>Asks the issuer for a user code.</summary>
    /// <exception cref="DeviceCodeStartException">404 (<see cref="DeviceCodeStartFailure.NotEnabled"/>) or any other failure.</exception>
    public async Task<DeviceUserCode> RequestUserCodeAsync(CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = IssuerHttp.PostJson(
            LoginEndpoints.DeviceUserCode(_options.Issuer),
            new JsonObject { ["client_id"] = TokenRefreshClient.ClientId });
        IssuerResponse response = await SendAsync(request, UserCodeEndpointName, cancellationToken).ConfigureAwait(false);
        _logger.DeviceCodeRequested(response.ToString());
        if (response.NetworkError is { } networkError)
        {
            throw new DeviceCodeStartException(DeviceCodeStartFailure.RequestFailed, $"device code request failed: {networkError}");
        }

        if (response.StatusCode == 404)
        {
            throw new DeviceCodeStartException(DeviceCodeStartFailure.NotEnabled, LoginMessages.DeviceCodeNotEnabled);
        }

        if (!response.IsSuccess)
        {
            throw new DeviceCodeStartException(DeviceCodeStartFailure.RequestFailed, LoginMessages.DeviceCodeRequestStatus(response.StatusCode));
        }

        JsonElement? body = response.Truncated ? null : JsonBody.ParseObject(response.Body);
        if (JsonBody.String(body, "device_auth_id") is not { } deviceAuthId
            || (JsonBody.String(body, "user_code") ?? JsonBody.String(body, "usercode")) is not { } userCode
            || ReadInterval(body) is not { } interval)
        {
            throw new DeviceCodeStartException(DeviceCodeStartFailure.RequestFailed, UnusableUserCodeBody);
        }

        return new DeviceUserCode(deviceAuthId, userCode, interval);
    }

    /// <summary>
    /// Polls until the user approves (403 and 404 mean "not yet") or another status ends it.
    /// Cancellation, including the caller's deadline, throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<DevicePollResult> PollAsync(DeviceUserCode userCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userCode);
        for (int poll = 1; ; poll++)
        {
            using HttpRequestMessage request = IssuerHttp.PostJson(
                LoginEndpoints.DeviceToken(_options.Issuer),
                new JsonObject { ["device_auth_id"] = userCode.DeviceAuthId, ["user_code"] = userCode.UserCode });
            IssuerResponse response = await SendAsync(request, PollEndpointName, cancellationToken).ConfigureAwait(false);
            if (response.NetworkError is { } networkError)
            {
                _logger.DevicePollFailed(networkError);
                return DevicePollResult.Failure($"device auth failed: {networkError}");
            }

            if (response.IsSuccess)
            {
                JsonElement? body = response.Truncated ? null : JsonBody.ParseObject(response.Body);
                return JsonBody.String(body, "authorization_code") is { } code && JsonBody.String(body, "code_verifier") is { } verifier
                    ? DevicePollResult.Approved(new DeviceAuthorization(code, verifier))
                    : DevicePollResult.Failure(UnusablePollBody);
            }

            if (response.StatusCode is not (403 or 404))
            {
                _logger.DevicePollFailed(response.ToString());
                return DevicePollResult.Failure(LoginMessages.DeviceAuthStatus(response.StatusCode));
            }

            _logger.DevicePollPending(poll);

            // The issuer's interval on the injected clock, and a real-time floor: "0" must not become
            // a hot loop against the issuer.
            await Task.WhenAll(
                Task.Delay(userCode.Interval, _options.TimeProvider, cancellationToken),
                Task.Delay(_options.MinimumPollDelay, cancellationToken)).ConfigureAwait(false);
        }
    }

    private Task<IssuerResponse> SendAsync(HttpRequestMessage request, string endpointName, CancellationToken cancellationToken) =>
        IssuerHttp.SendAsync(_httpClient, request, endpointName, _options.RequestTimeout, _options.TimeProvider, cancellationToken);

    /// <summary>
    /// <c>interval</c> is a numeric string of seconds (a number is accepted too); missing means 0,
    /// as upstream reads it. Anything else makes the answer unusable.
    /// </summary>
    private static TimeSpan? ReadInterval(JsonElement? body)
    {
        if (body is not { } root || !root.TryGetProperty("interval", out JsonElement interval) || interval.ValueKind == JsonValueKind.Null)
        {
            return TimeSpan.Zero;
        }

        uint seconds = 0;
        bool parsed = interval.ValueKind switch
        {
            JsonValueKind.String => uint.TryParse(interval.GetString()?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds),
            JsonValueKind.Number => interval.TryGetUInt32(out seconds),
            _ => false,
        };
        return parsed ? TimeSpan.FromSeconds(seconds) : null;
    }
}
