using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Refresh;

/// <summary>
/// Redeems a refresh token at the token endpoint (docs/codex-compatibility.md §2.1) with a per-attempt timeout and a
/// short, bounded retry of transient failures. It knows nothing about storage, locks or poison:
/// the caller serialises refreshes, persists the tokens and records permanent failures.
/// </summary>
internal sealed class TokenRefreshClient
{
    /// <summary>The Codex CLI OAuth client id (docs/codex-compatibility.md §11).</summary>
    public const string ClientId = "app_EMoamEEZ73f0CkXaXp7hrann";

    /// <summary>The OAuth grant sent in every refresh request.</summary>
    public const string GrantType = "refresh_token";

    /// <summary>The detail of the transient error for a 2xx that carries no usable access token.</summary>
    public const string UnusableSuccessBody = "token endpoint returned an unusable success body";

    private readonly HttpClient _httpClient;
    private readonly TokenRefreshOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="httpClient">
    /// Shared with other calls so proxy settings apply (docs/failure-modes.md NET-08). Configure it with
    /// <c>Timeout = InfiniteTimeSpan</c> (the attempt timeout governs) and without automatic
    /// redirects (a followed 307/308 would re-post the refresh token to another URL).
    /// </param>
    public TokenRefreshClient(HttpClient httpClient, TokenRefreshOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options.TokenEndpoint, nameof(options.TokenEndpoint));
        ArgumentNullException.ThrowIfNull(options.UserAgent, nameof(options.UserAgent));
        ArgumentNullException.ThrowIfNull(options.Originator, nameof(options.Originator));
        ArgumentNullException.ThrowIfNull(options.Jitter, nameof(options.Jitter));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options.MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AttemptTimeout, TimeSpan.Zero, nameof(options.AttemptTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BaseBackoff, TimeSpan.Zero, nameof(options.BaseBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxInCallRetryAfter, TimeSpan.Zero, nameof(options.MaxInCallRetryAfter));

        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Redeems <paramref name="refreshToken"/>. Every failure of the endpoint or the network comes
    /// back as a result; cancellation through <paramref name="cancellationToken"/> throws
    /// <see cref="OperationCanceledException"/>, and only programming errors throw anything else.
    /// </summary>
    /// <param name="refreshToken">The stored refresh token. Empty or whitespace fails permanently with no request (CORRUPT-07).</param>
    /// <param name="cancellationToken">
    /// Usually <see cref="CancellationToken.None"/>: one refresh serves many callers, and a caller
    /// giving up must not abort a request that may already have spent the single-use token.
    /// </param>
    public Task<RefreshAttemptResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        RefreshAsync(refreshToken, RefreshReason.Forced, cancellationToken);

    /// <inheritdoc cref="RefreshAsync(string, CancellationToken)"/>
    /// <param name="reason">Sent as <c>refresh_reason</c>; never changes how the answer is classified.</param>
    public async Task<RefreshAttemptResult> RefreshAsync(string refreshToken, RefreshReason reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(refreshToken))
        {
            // The endpoint would only answer 400 "empty string", and the record can never heal
            // by itself, so asking would just be a request per demand forever.
            _logger.EmptyRefreshToken();
            return RefreshAttemptResult.Failure(new PermanentRefreshError(RefreshFailureKind.Other, RefreshMessages.Other), 0);
        }

        for (int attempt = 1; ; attempt++)
        {
            if (!TryResolveEndpoint(out Uri? endpoint))
            {
                _logger.InvalidTokenEndpoint();
                return RefreshAttemptResult.Failure(new TransientRefreshError(NetworkFailureMessages.InvalidEndpoint, null, null), attempt - 1);
            }

            RefreshAttemptResult result = await SendOnceAsync(endpoint, refreshToken, reason, attempt, cancellationToken).ConfigureAwait(false);
            if (result.Error is not TransientRefreshError transient)
            {
                return result;
            }

            _logger.AttemptFailed(attempt, _options.MaxAttempts, transient.Message);
            if (attempt >= _options.MaxAttempts || !RefreshFailureClassifier.IsRetryableInCall(transient.StatusCode))
            {
                return result;
            }

            if (transient.RetryAfter is { } retryAfter && retryAfter > _options.MaxInCallRetryAfter)
            {
                // Waiting here would hold the caller's refresh lock for the whole period; the
                // error carries RetryAfter so the caller can hold off the next demand instead.
                _logger.RetryAfterTooLong(retryAfter, _options.MaxInCallRetryAfter);
                return result;
            }

            TimeSpan delay = transient.RetryAfter
                ?? RefreshBackoff.Compute(attempt, _options.BaseBackoff, _options.MaxInCallRetryAfter, _options.Jitter());
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TryResolveEndpoint([NotNullWhen(true)] out Uri? endpoint)
    {
        try
        {
            endpoint = _options.TokenEndpoint();
        }
        catch (InvalidOperationException)
        {
            endpoint = null;
            return false;
        }

        return endpoint is { IsAbsoluteUri: true } && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps);
    }

    private async Task<RefreshAttemptResult> SendOnceAsync(Uri endpoint, string refreshToken, RefreshReason reason, int attempt, CancellationToken cancellationToken)
    {
        // The attempt's own deadline, on the injected clock, independent of the caller.
        using var attemptTimeout = new CancellationTokenSource(_options.AttemptTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(attemptTimeout.Token, cancellationToken);
        try
        {
            using HttpRequestMessage request = CreateRequest(endpoint, refreshToken, reason);

            // Headers first, then a bounded body read under the same deadline: a server that
            // sends headers and then stalls (NET-05) must time out like one that says nothing.
            using HttpResponseMessage response = await _httpClient
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                .ConfigureAwait(false);
            (string body, bool truncated) = await BoundedContentReader.ReadAsync(response.Content, linked.Token).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return ParseSuccess(status, body, truncated, attempt);
            }

            TimeSpan? retryAfter = RetryAfterParser.Parse(response.Headers, _timeProvider.GetUtcNow());
            RefreshError error = RefreshFailureClassifier.Classify(status, body, retryAfter, refreshToken);
            if (error is PermanentRefreshError permanent)
            {
                LogPermanent(permanent, status, attempt);
            }

            return RefreshAttemptResult.Failure(error, attempt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RefreshAttemptResult.Failure(new TransientRefreshError(NetworkFailureMessages.Timeout(_options.AttemptTimeout), null, null), attempt);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException)
        {
            return RefreshAttemptResult.Failure(new TransientRefreshError(NetworkFailureMessages.For(exception), null, null), attempt);
        }
    }

    private HttpRequestMessage CreateRequest(Uri endpoint, string refreshToken, RefreshReason reason)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(
            new TokenRefreshRequest(ClientId, GrantType, refreshToken, reason.ToWire()),
            RefreshJsonContext.Default.TokenRefreshRequest);
        var content = new ByteArrayContent(body);

        // Exactly "application/json", no charset parameter, as upstream's reqwest .json() sends.
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("User-Agent", HeaderSafe(_options.UserAgent()));
        request.Headers.TryAddWithoutValidation("originator", HeaderSafe(_options.Originator()));
        return request;
    }

    private static RefreshAttemptResult ParseSuccess(int status, string body, bool truncated, int attempt)
    {
        TokenEndpointSuccessBody? parsed = null;
        if (!truncated)
        {
            try
            {
                parsed = JsonSerializer.Deserialize(body, RefreshJsonContext.Default.TokenEndpointSuccessBody);
            }
            catch (JsonException)
            {
                // Empty, HTML from a captive portal, or a member of the wrong type: nothing in it
                // can be trusted, so none of it is applied.
            }
        }

        if (parsed is null || string.IsNullOrWhiteSpace(parsed.AccessToken))
        {
            return RefreshAttemptResult.Failure(
                new TransientRefreshError(RefreshMessages.TransientHttp(status, UnusableSuccessBody), status, null),
                attempt);
        }

        // An empty id_token or refresh_token is read as "not sent": storing "" would discard the
        // previous token and leave a record that can never refresh again.
        return RefreshAttemptResult.Success(
            new TokenResponse(NullIfEmpty(parsed.IdToken), parsed.AccessToken, NullIfEmpty(parsed.RefreshToken)),
            attempt);
    }

    private void LogPermanent(PermanentRefreshError error, int status, int attempt)
    {
        if (status == 401 && error.Reason == RefreshFailureKind.Other)
        {
            _logger.UnknownUnauthorized();
        }
        else
        {
            _logger.PermanentFailure(attempt, error.Reason, status);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    // A header value with CR/LF or non-ASCII would make the handler throw (or worse, split the
    // header); the UA embeds client-supplied names, so it is forced into printable ASCII.
    private static string HeaderSafe(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                span[i] = c is >= ' ' and <= '~' ? c : '_';
            }
        });
}
