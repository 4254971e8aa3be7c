using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using AppServer.Auth.Refresh;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Revoke;

/// <summary>
/// Asks the issuer to revoke one token, once, within a fixed bound. Best effort by design: every
/// failure of the endpoint or the network comes back as an outcome (and a log line), never as an
/// exception, because the local logout it follows has already happened and must stand.
/// </summary>
internal sealed class TokenRevoker
{
    private readonly HttpClient _httpClient;
    private readonly RevokeOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="httpClient">Shared with refreshes: no automatic redirects (a followed 307 would re-post the token elsewhere) and no client timeout.</param>
    public TokenRevoker(HttpClient httpClient, RevokeOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options.Timeout));
        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public TimeSpan Timeout => _options.Timeout;

    public async Task<RevokeOutcome> RevokeAsync(RevocableToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Uri endpoint;
        try
        {
            endpoint = _options.Endpoint();
        }
        catch (InvalidOperationException ex)
        {
            return Log(RevokeOutcome.Failed(token.TypeHint, ex.Message), host: "(no endpoint)");
        }

        string host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}";
        return Log(await SendAsync(endpoint, token).ConfigureAwait(false), host);
    }

    private async Task<RevokeOutcome> SendAsync(Uri endpoint, RevocableToken token)
    {
        // The bound runs on the injected clock and covers connect, headers and body alike.
        using var deadline = new CancellationTokenSource(_options.Timeout, _timeProvider);
        try
        {
            using HttpRequestMessage request = CreateRequest(endpoint, token);
            using HttpResponseMessage response = await _httpClient
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token)
                .ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return RevokeOutcome.Succeeded(token.TypeHint, status);
            }

            (string body, _) = await BoundedContentReader.ReadAsync(response.Content, deadline.Token).ConfigureAwait(false);
            string? message = RefreshErrorBody.Parse(body).Message;
            string detail = string.IsNullOrWhiteSpace(message)
                ? $"HTTP {status}"
                : $"HTTP {status}: {ErrorTextScrubber.Scrub(message, token.Token)}";
            return RevokeOutcome.Failed(token.TypeHint, detail);
        }
        catch (OperationCanceledException)
        {
            return RevokeOutcome.Failed(token.TypeHint, $"no answer within {_options.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException)
        {
            // Built from the error kind, never the exception text (it can carry the URL).
            string kind = ex is HttpRequestException { HttpRequestError: var error } ? error.ToString() : "connection failed";
            return RevokeOutcome.Failed(token.TypeHint, $"network error ({kind})");
        }
    }

    private HttpRequestMessage CreateRequest(Uri endpoint, RevocableToken token)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(token.ToRequest(), RevokeJsonContext.Default.RevokeRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("User-Agent", HeaderText.Printable(_options.UserAgent()));
        request.Headers.TryAddWithoutValidation("originator", HeaderText.Printable(_options.Originator()));
        return request;
    }

    private RevokeOutcome Log(RevokeOutcome outcome, string host)
    {
        if (outcome.Revoked)
        {
            _logger.Revoked(outcome.TypeHint, host, outcome.Detail);
        }
        else
        {
            _logger.RevokeFailed(outcome.TypeHint, host, outcome.Detail);
        }

        return outcome;
    }
}
