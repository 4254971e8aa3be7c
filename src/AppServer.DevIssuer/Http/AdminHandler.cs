using System.Text.Json;
using System.Text.Json.Nodes;
using AppServer.DevIssuer.State;
using Microsoft.AspNetCore.Http;

namespace AppServer.DevIssuer.Http;

/// <summary>
/// The admin API, for drivers in another process (the <c>dev-issuer</c> verb, process-level tests).
/// Admin calls are not recorded and never count as issuer traffic.
/// <list type="bullet">
/// <item><c>GET /__admin/stats</c> → <c>{"refreshRequests":n,"requestsByPath":{path:n},"mode":"rotate","held":false,"refreshReasons":{reason:n},"rejectedTokens":n}</c></item>
/// <item><c>POST /__admin/mode</c> with <c>{"mode":"rotate|permanent|transient|rate_limited|slow","code":…,"retryAfterSeconds":…,"delayMs":…}</c>
/// (all but <c>mode</c> optional) → the mode now in force, same shape.</item>
/// <item><c>POST /__admin/credentials</c> with optional <c>{"email","plan","accountId","userId","accessTokenExpired"}</c>
/// (<c>"plan":null</c> omits the claim) → <c>{"id_token","access_token","refresh_token","account_id"}</c>.</item>
/// <item><c>POST /__admin/hold</c> / <c>POST /__admin/release</c> → <c>{"held":bool}</c>; see <see cref="MockIssuer.HoldRefreshes"/>.</item>
/// <item><c>POST /__admin/reject</c> with <c>{"token":"…"}</c> → <c>{"rejected":n}</c>: <c>GET /v1/me</c> answers 401 to that access token from now on.</item>
/// </list>
/// </summary>
internal sealed class AdminHandler
{
    private readonly IssuerState _state;

    public AdminHandler(IssuerState state) => _state = state;

    public Task HandleAsync(HttpContext context, string body, CancellationToken cancellationToken)
    {
        var isPost = HttpMethods.IsPost(context.Request.Method);
        return context.Request.Path.Value switch
        {
            "/__admin/stats" when HttpMethods.IsGet(context.Request.Method) => Ok(context, Stats(), cancellationToken),
            "/__admin/mode" when isPost => SetModeAsync(context, body, cancellationToken),
            "/__admin/credentials" when isPost => IssueCredentialsAsync(context, body, cancellationToken),
            "/__admin/hold" when isPost => HoldAsync(context, cancellationToken),
            "/__admin/release" when isPost => ReleaseAsync(context, cancellationToken),
            "/__admin/reject" when isPost => RejectAsync(context, body, cancellationToken),
            _ => IssuerResponses.NotFoundAsync(context, cancellationToken),
        };
    }

    private JsonObject Stats()
    {
        var byPath = new JsonObject();
        foreach (var (path, count) in _state.Journal.CountsByPath().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            byPath[path] = count;
        }

        return new JsonObject
        {
            ["refreshRequests"] = _state.Journal.RefreshCount,
            ["requestsByPath"] = byPath,
            ["mode"] = RefreshModeNames.ToWire(_state.Mode.Mode),
            ["held"] = _state.CurrentGate is not null,
            ["refreshReasons"] = RefreshReasons(),
            ["rejectedTokens"] = _state.Rejected.Count,
        };
    }

    private JsonObject RefreshReasons()
    {
        var reasons = new JsonObject();
        foreach (var (reason, count) in _state.RefreshReasons.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            reasons[reason] = count;
        }

        return reasons;
    }

    private Task RejectAsync(HttpContext context, string body, CancellationToken cancellationToken)
    {
        if (ParseObject(body) is not { } request || ReadString(request, "token") is not { Length: > 0 } token)
        {
            return BadRequest(context, "Expected {\"token\":\"<access token>\"}.", cancellationToken);
        }

        _state.Rejected.Reject(token);
        return Ok(context, new JsonObject { ["rejected"] = _state.Rejected.Count }, cancellationToken);
    }

    private Task SetModeAsync(HttpContext context, string body, CancellationToken cancellationToken)
    {
        var request = ParseObject(body);
        if (request is null || !RefreshModeNames.TryParse(ReadString(request, "mode"), out var mode))
        {
            return BadRequest(context, "Expected {\"mode\":\"rotate|permanent|transient|rate_limited|slow\"}.", cancellationToken);
        }

        var defaults = RefreshModeSettings.Default;
        var settings = new RefreshModeSettings(
            mode.Value,
            ReadString(request, "code") ?? defaults.ErrorCode,
            ReadInt(request, "retryAfterSeconds") ?? defaults.RetryAfterSeconds,
            ReadInt(request, "delayMs") is { } delayMs ? TimeSpan.FromMilliseconds(delayMs) : defaults.Delay);
        _state.Mode = settings;

        return Ok(
            context,
            new JsonObject
            {
                ["mode"] = RefreshModeNames.ToWire(settings.Mode),
                ["code"] = settings.ErrorCode,
                ["retryAfterSeconds"] = settings.RetryAfterSeconds,
                ["delayMs"] = (long)settings.Delay.TotalMilliseconds,
            },
            cancellationToken);
    }

    private Task IssueCredentialsAsync(HttpContext context, string body, CancellationToken cancellationToken)
    {
        var request = string.IsNullOrWhiteSpace(body) ? new JsonObject() : ParseObject(body);
        if (request is null)
        {
            return BadRequest(context, "Expected a JSON object.", cancellationToken);
        }

        var defaults = MockAccount.Default;
        var account = new MockAccount(
            ReadString(request, "email") ?? defaults.Email,
            request.ContainsKey("plan") ? ReadString(request, "plan") : defaults.Plan,
            ReadString(request, "accountId") ?? defaults.AccountId,
            ReadString(request, "userId") ?? defaults.UserId);
        var expired = request["accessTokenExpired"]?.GetValueKind() == JsonValueKind.True;
        var credentials = _state.Grants.Issue(account, expired);

        return Ok(
            context,
            new JsonObject
            {
                ["id_token"] = credentials.IdToken,
                ["access_token"] = credentials.AccessToken,
                ["refresh_token"] = credentials.RefreshToken,
                ["account_id"] = credentials.AccountId,
            },
            cancellationToken);
    }

    private Task HoldAsync(HttpContext context, CancellationToken cancellationToken)
    {
        _state.HoldRefreshes();
        return Ok(context, Held(true), cancellationToken);
    }

    private Task ReleaseAsync(HttpContext context, CancellationToken cancellationToken)
    {
        _state.ReleaseRefreshes();
        return Ok(context, Held(false), cancellationToken);
    }

    private static JsonObject Held(bool held) => new() { ["held"] = held };

    private static Task Ok(HttpContext context, JsonObject body, CancellationToken cancellationToken) =>
        IssuerResponses.JsonAsync(context, StatusCodes.Status200OK, body, cancellationToken);

    private static Task BadRequest(HttpContext context, string message, CancellationToken cancellationToken) =>
        IssuerResponses.JsonAsync(context, StatusCodes.Status400BadRequest, new JsonObject { ["error"] = message }, cancellationToken);

    private static JsonObject? ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReadString(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? ReadInt(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}
