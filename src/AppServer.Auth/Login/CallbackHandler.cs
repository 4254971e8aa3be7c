using System.Security.Cryptography;
using System.Text;
using AppServer.Auth.Refresh;
using AppServer.Auth.Storage;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Login;

/// <summary>The routes of the browser login's callback server (docs/codex-compatibility.md §8.1).</summary>
internal sealed class CallbackHandler
{
    private readonly CallbackSettings _settings;
    private readonly TokenExchangeClient _tokens;
    private readonly LoginOutcome _outcome;
    private readonly Action<AuthRecord> _persist;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public CallbackHandler(
        CallbackSettings settings,
        TokenExchangeClient tokens,
        LoginOutcome outcome,
        Action<AuthRecord> persist,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _settings = settings;
        _tokens = tokens;
        _outcome = outcome;
        _persist = persist;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public Task<CallbackReply> HandleAsync(HttpRequestHead request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _logger.RequestReceived(SafePath(request.Path));
        return request.Path switch
        {
            LoginEndpoints.CallbackPath => HandleCallbackAsync(request.Query, cancellationToken),
            LoginEndpoints.SuccessPath => Task.FromResult(new CallbackReply(HttpReply.Html(LoginPages.Success), LoginResult.Success)),
            LoginEndpoints.CancelPath => Task.FromResult(new CallbackReply(
                HttpReply.Text(200, LoginMessages.Cancelled),
                LoginResult.Failure(LoginMessages.ServerError(LoginMessages.Cancelled)))),
            _ => Task.FromResult(new CallbackReply(HttpReply.Text(404, "Not Found"))),
        };
    }

    /// <summary>The steps of docs/codex-compatibility.md §8.1 in their order; only the first may leave the login running.</summary>
    private async Task<CallbackReply> HandleCallbackAsync(IReadOnlyDictionary<string, string> query, CancellationToken cancellationToken)
    {
        string? code = query.GetValueOrDefault("code");
        string? state = query.GetValueOrDefault("state");
        bool stateValid = state is not null && FixedTimeEquals(state, _settings.State);
        _logger.CallbackReceived(!string.IsNullOrEmpty(code), !string.IsNullOrEmpty(state), query.ContainsKey("error"), stateValid);

        // 1. A wrong state is a forged or stale callback: refuse it, but keep waiting for the real one.
        if (!stateValid)
        {
            return new CallbackReply(HttpReply.Text(400, LoginMessages.StateMismatch));
        }

        // 2. The issuer reported an error.
        if (query.TryGetValue("error", out string? error))
        {
            string? description = query.GetValueOrDefault("error_description");
            _logger.IssuerReportedError(ErrorTextScrubber.Scrub(error, code));
            return Fail(OAuthErrorMessage(error, description));
        }

        // 3. No code.
        if (string.IsNullOrEmpty(code))
        {
            return Fail(LoginMessages.MissingCode);
        }

        // 4. Exchange the code.
        CodeExchangeResult exchange = await _tokens
            .ExchangeCodeAsync(code, _settings.RedirectUri, _settings.CodeVerifier, cancellationToken)
            .ConfigureAwait(false);
        if (exchange.Tokens is not { } tokens)
        {
            return Fail(LoginMessages.TokenExchangeFailed(exchange.Error!));
        }

        // 5. The workspace rule.
        if (WorkspaceCheck.Violation(_settings.ForcedWorkspaceId, tokens.IdToken) is { } violation)
        {
            _logger.WorkspaceRejected();
            return Fail(violation);
        }

        // 6. Best effort: an API key for the id_token.
        string? apiKey = await _tokens.ExchangeForApiKeyAsync(tokens.IdToken, cancellationToken).ConfigureAwait(false);

        // 7. Save.
        if (!LoginRecordBuilder.TryBuild(tokens, apiKey, _timeProvider.GetUtcNow(), out AuthRecord? record))
        {
            _logger.SaveFailed("the id_token is not a JWT");
            return Fail(LoginMessages.SaveFailed);
        }

        switch (_outcome.TryPersist(_persist, record, out Exception? saveError))
        {
            case PersistResult.LoginEnded:
                // Cancelled or timed out while exchanging: nothing was written, and nothing will be.
                return new CallbackReply(HttpReply.Html(LoginPages.Error(LoginMessages.NotCompleted)));
            case PersistResult.Failed:
                _logger.SaveFailed(saveError!.GetType().Name);
                return Fail(LoginMessages.SaveFailed);
        }

        // 8. On to the success page, which ends the login.
        _logger.CredentialsSaved(apiKey is not null);
        return new CallbackReply(HttpReply.Redirect(SuccessRedirect.Build(_settings.Port, _settings.Issuer, tokens)));
    }

    private static CallbackReply Fail(string message) =>
        new(HttpReply.Html(LoginPages.Error(message)), LoginResult.Failure(LoginMessages.ServerError(message)));

    private static string OAuthErrorMessage(string error, string? description)
    {
        if (error == "access_denied" && description is not null
            && description.Contains("missing_codex_entitlement", StringComparison.OrdinalIgnoreCase))
        {
            return LoginMessages.MissingEntitlement;
        }

        // Query text reaches the client and the page: flatten control characters and bound it.
        return LoginMessages.SignInFailed(ErrorTextScrubber.Scrub(string.IsNullOrWhiteSpace(description) ? error : description, null));
    }

    private static bool FixedTimeEquals(string actual, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));

    // Only the fixed routes are logged by name; anything else could be arbitrary text from any local process.
    private static string SafePath(string path) =>
        path is LoginEndpoints.CallbackPath or LoginEndpoints.SuccessPath or LoginEndpoints.CancelPath ? path : "(other)";
}
