using AppServer.Auth.Refresh;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Login;

/// <summary>
/// The two <c>/oauth/token</c> grants a login uses (docs/codex-compatibility.md §8.1 steps 4 and 6): the
/// authorization-code exchange and the best-effort API-key exchange.
/// </summary>
internal sealed class TokenExchangeClient
{
    public const string AuthorizationCodeGrant = "authorization_code";
    public const string TokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string IdTokenType = "urn:ietf:params:oauth:token-type:id_token";
    public const string RequestedApiKey = "openai-api-key";
    public const string UnusableSuccessBody = "token endpoint returned an unusable success body";

    private const string EndpointName = "token endpoint";

    private readonly HttpClient _httpClient;
    private readonly Uri _tokenEndpoint;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public TokenExchangeClient(HttpClient httpClient, string issuer, TimeSpan requestTimeout, TimeProvider timeProvider, ILogger logger)
    {
        _httpClient = httpClient;
        _tokenEndpoint = LoginEndpoints.Token(issuer);
        _requestTimeout = requestTimeout;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Redeems <paramref name="code"/>. The answer must carry all three tokens. Failures come back as
    /// results; only cancellation through <paramref name="cancellationToken"/> throws.
    /// </summary>
    public async Task<CodeExchangeResult> ExchangeCodeAsync(string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = IssuerHttp.PostForm(_tokenEndpoint, FormBody.Create(
            ("grant_type", AuthorizationCodeGrant),
            ("code", code),
            ("redirect_uri", redirectUri),
            ("client_id", TokenRefreshClient.ClientId),
            ("code_verifier", codeVerifier)));
        IssuerResponse response = await IssuerHttp
            .SendAsync(_httpClient, request, EndpointName, _requestTimeout, _timeProvider, cancellationToken)
            .ConfigureAwait(false);
        if (response.NetworkError is { } networkError)
        {
            _logger.CodeExchangeFailed(networkError);
            return CodeExchangeResult.Failure(networkError);
        }

        if (!response.IsSuccess)
        {
            // The body is the issuer's, and an error body may echo what was sent: scrub both secrets.
            string detail = ErrorTextScrubber.Scrub(
                ErrorTextScrubber.Scrub(TokenEndpointErrorDetail.Describe(response.Body), code),
                codeVerifier);
            _logger.CodeExchangeFailed($"HTTP {response.StatusCode}");
            return CodeExchangeResult.Failure(LoginMessages.TokenEndpointStatus(response.StatusCode, detail));
        }

        var body = response.Truncated ? null : JsonBody.ParseObject(response.Body);
        if (JsonBody.String(body, "id_token") is not { } idToken
            || JsonBody.String(body, "access_token") is not { } accessToken
            || JsonBody.String(body, "refresh_token") is not { } refreshToken)
        {
            _logger.CodeExchangeFailed(UnusableSuccessBody);
            return CodeExchangeResult.Failure(UnusableSuccessBody);
        }

        return CodeExchangeResult.Success(new ExchangedTokens(idToken, accessToken, refreshToken));
    }

    /// <summary>
    /// Trades the id_token for an API key. Best effort: any failure is logged and gives
    /// <see langword="null"/>, and the login goes on without a key.
    /// </summary>
    public async Task<string?> ExchangeForApiKeyAsync(string idToken, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = IssuerHttp.PostForm(_tokenEndpoint, FormBody.Create(
            ("grant_type", TokenExchangeGrant),
            ("client_id", TokenRefreshClient.ClientId),
            ("requested_token", RequestedApiKey),
            ("subject_token", idToken),
            ("subject_token_type", IdTokenType)));
        IssuerResponse response = await IssuerHttp
            .SendAsync(_httpClient, request, EndpointName, _requestTimeout, _timeProvider, cancellationToken)
            .ConfigureAwait(false);
        string? key = response.IsSuccess && !response.Truncated
            ? JsonBody.String(JsonBody.ParseObject(response.Body), "access_token")
            : null;
        if (key is null)
        {
            _logger.ApiKeyExchangeFailed(response.IsSuccess ? UnusableSuccessBody : response.ToString());
        }

        return key;
    }
}
