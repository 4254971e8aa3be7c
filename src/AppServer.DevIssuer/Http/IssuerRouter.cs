using System.Collections.Frozen;
using System.Text;
using AppServer.DevIssuer.State;
using Microsoft.AspNetCore.Http;

namespace AppServer.DevIssuer.Http;

/// <summary>
/// The issuer's single terminal middleware: records each request on arrival, then routes it to a
/// scripted response or to the endpoint's own logic.
/// </summary>
internal sealed class IssuerRouter
{
    private readonly IssuerState _state;
    private readonly RefreshHandler _refresh;
    private readonly AuthorizationCodeHandler _authorizationCode;
    private readonly ApiKeyExchangeHandler _apiKeyExchange;
    private readonly AuthorizeHandler _authorize;
    private readonly DeviceAuthHandler _device;
    private readonly DeviceVerificationHandler _deviceVerification;
    private readonly AdminHandler _admin;
    private readonly ApiHandler _api;

    public IssuerRouter(IssuerState state)
    {
        _state = state;
        _refresh = new RefreshHandler(state);
        _authorizationCode = new AuthorizationCodeHandler(state);
        _apiKeyExchange = new ApiKeyExchangeHandler(state);
        _authorize = new AuthorizeHandler(state);
        _device = new DeviceAuthHandler(state);
        _deviceVerification = new DeviceVerificationHandler(state);
        _admin = new AdminHandler(state);
        _api = new ApiHandler(state);
    }

    public async Task HandleAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _state.Stopping);
        var cancellationToken = linked.Token;
        try
        {
            var arrivedAt = _state.Clock.GetUtcNow();
            var body = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
            if (context.Request.Path.StartsWithSegments(IssuerPaths.Admin, StringComparison.Ordinal))
            {
                await _admin.HandleAsync(context, body, cancellationToken).ConfigureAwait(false);
                return;
            }

            _state.Journal.Record(Snapshot(context.Request, body, arrivedAt));
            await DispatchAsync(context, body, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_state.Stopping.IsCancellationRequested)
        {
            // Disposal resets held and hung requests instead of answering them, which is what a client
            // sees when the real issuer goes away mid-request.
            context.Abort();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up; nobody is left to answer.
        }
    }

    private Task DispatchAsync(HttpContext context, string body, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var isPost = HttpMethods.IsPost(request.Method);
        return request.Path.Value switch
        {
            IssuerPaths.Token when isPost =>
                DispatchTokenAsync(context, RequestFields.Parse(request.ContentType, body), cancellationToken),
            IssuerPaths.Authorize when HttpMethods.IsGet(request.Method) =>
                ScriptedOrAsync(context, IssuerEndpoint.Authorize, () => _authorize.HandleAsync(context, cancellationToken), cancellationToken),
            IssuerPaths.DeviceUserCode when isPost =>
                ScriptedOrAsync(
                    context,
                    IssuerEndpoint.DeviceUserCode,
                    () => _device.HandleUserCodeAsync(context, RequestFields.Parse(request.ContentType, body), cancellationToken),
                    cancellationToken),
            IssuerPaths.DeviceToken when isPost =>
                ScriptedOrAsync(
                    context,
                    IssuerEndpoint.DeviceToken,
                    () => _device.HandleTokenAsync(context, RequestFields.Parse(request.ContentType, body), cancellationToken),
                    cancellationToken),
            IssuerPaths.Me when HttpMethods.IsGet(request.Method) => _api.HandleMeAsync(context, cancellationToken),
            IssuerPaths.DeviceVerification when HttpMethods.IsGet(request.Method) =>
                _deviceVerification.HandleAsync(context, cancellationToken),
            _ => IssuerResponses.NotFoundAsync(context, cancellationToken),
        };
    }

    private Task DispatchTokenAsync(HttpContext context, RequestFields? fields, CancellationToken cancellationToken)
    {
        if (fields is null)
        {
            return IssuerResponses.OAuthErrorAsync(
                context, StatusCodes.Status400BadRequest, "invalid_request", "The body must be a JSON object or form data.", cancellationToken);
        }

        return fields.GrantType switch
        {
            // Refresh consumes its own script, because it must count and gate first.
            "refresh_token" => _refresh.HandleAsync(context, fields, cancellationToken),
            "authorization_code" => ScriptedOrAsync(
                context,
                IssuerEndpoint.AuthorizationCode,
                () => _authorizationCode.HandleAsync(context, fields, cancellationToken),
                cancellationToken),
            ApiKeyExchangeHandler.GrantType => ScriptedOrAsync(
                context,
                IssuerEndpoint.ApiKeyExchange,
                () => _apiKeyExchange.HandleAsync(context, fields, cancellationToken),
                cancellationToken),
            _ => IssuerResponses.OAuthErrorAsync(
                context, StatusCodes.Status400BadRequest, "unsupported_grant_type", "Unsupported grant_type.", cancellationToken),
        };
    }

    private Task ScriptedOrAsync(HttpContext context, IssuerEndpoint endpoint, Func<Task> handle, CancellationToken cancellationToken) =>
        _state.Scripts.TryDequeue(endpoint) is { } scripted
            ? MockResponseWriter.WriteAsync(context, scripted, cancellationToken)
            : handle();

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static RecordedRequest Snapshot(HttpRequest request, string body, DateTimeOffset arrivedAt) =>
        new(
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.Value ?? "",
            request.Headers.ToFrozenDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            arrivedAt);
}
