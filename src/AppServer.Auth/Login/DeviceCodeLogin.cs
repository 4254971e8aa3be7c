using AppServer.Auth.Storage;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Login;

/// <summary>
/// The device-code login (docs/codex-compatibility.md §8.2): the code is requested when it starts, then the issuer is
/// polled in the background until the user approves, a poll fails, <see cref="LoginOptions.DeviceCodeTimeout"/>
/// passes, or the login is cancelled. The approved code is exchanged and saved with no API key.
/// </summary>
internal sealed class DeviceCodeLogin : IActiveLogin
{
    private readonly DeviceCodeClient _client;
    private readonly TokenExchangeClient _tokens;
    private readonly DeviceUserCode _userCode;
    private readonly LoginOptions _options;
    private readonly Action<AuthRecord> _persist;
    private readonly ILogger _logger;
    private readonly LoginOutcome _outcome = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly CancellationTokenSource _deadline;
    private readonly Lazy<Task> _disposal;
    private Task _run = Task.CompletedTask;

    private DeviceCodeLogin(
        DeviceCodeClient client,
        TokenExchangeClient tokens,
        DeviceUserCode userCode,
        LoginOptions options,
        Action<AuthRecord> persist,
        ILogger logger)
    {
        _client = client;
        _tokens = tokens;
        _userCode = userCode;
        _options = options;
        _persist = persist;
        _logger = logger;
        _disposal = new Lazy<Task>(DisposeCoreAsync);

        // Armed before StartAsync returns, so the limit counts from the moment the code was shown.
        _deadline = new CancellationTokenSource(options.DeviceCodeTimeout, options.TimeProvider);
        VerificationUrl = LoginEndpoints.DeviceVerification(options.Issuer);
    }

    public Guid LoginId { get; } = Guid.NewGuid();

    /// <summary><c>{issuer}/codex/device</c>, where the user enters <see cref="UserCode"/>.</summary>
    public string VerificationUrl { get; }

    public string UserCode => _userCode.UserCode;

    /// <summary>
    /// The result with its error as the completion notification carries it, unwrapped (upstream sends
    /// device-code errors as they are): e.g. <c>device auth failed with status 500</c>,
    /// <c>device auth timed out after 15 minutes</c>, <see cref="LoginMessages.NotCompleted"/>.
    /// </summary>
    public Task<LoginResult> Completion => _outcome.Task;

    /// <summary>Requests a user code and starts polling for its approval.</summary>
    /// <exception cref="DeviceCodeStartException">The code could not be obtained; no login was started.</exception>
    public static async Task<DeviceCodeLogin> StartAsync(
        LoginOptions options,
        HttpClient httpClient,
        Action<AuthRecord> persist,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(persist);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();

        var client = new DeviceCodeClient(httpClient, options, logger);
        DeviceUserCode userCode = await client.RequestUserCodeAsync(cancellationToken).ConfigureAwait(false);
        var tokens = new TokenExchangeClient(httpClient, options.Issuer, options.RequestTimeout, options.TimeProvider, logger);
        var login = new DeviceCodeLogin(client, tokens, userCode, options, persist, logger);
        login._run = login.RunAsync();
        logger.DeviceLoginStarted(login.LoginId);
        return login;
    }

    public void Cancel()
    {
        if (!Finish(LoginResult.Failure(LoginMessages.NotCompleted)))
        {
            return;
        }

        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently; nothing is left to stop.
        }
    }

    /// <summary>Cancels the login if it is still running and waits for the polling to stop. Idempotent.</summary>
    public ValueTask DisposeAsync() => new(_disposal.Value);

    private async Task DisposeCoreAsync()
    {
        Cancel();
        await _run.ConfigureAwait(false);
        _cancel.Dispose();
        _deadline.Dispose();
    }

    private async Task RunAsync()
    {
        await Task.Yield();
        LoginResult result;
        try
        {
            result = await CompleteAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_deadline.IsCancellationRequested && !_cancel.IsCancellationRequested)
        {
            result = LoginResult.Failure(LoginMessages.DeviceAuthTimedOut(_options.DeviceCodeTimeout));
        }
        catch (OperationCanceledException)
        {
            result = LoginResult.Failure(LoginMessages.NotCompleted);
        }

        Finish(result);
    }

    private async Task<LoginResult> CompleteAsync()
    {
        DevicePollResult poll;
        using (var polling = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token, _deadline.Token))
        {
            poll = await _client.PollAsync(_userCode, polling.Token).ConfigureAwait(false);
        }

        if (poll.Authorization is not { } authorization)
        {
            return LoginResult.Failure(poll.Error!);
        }

        // Past this point only cancellation stops the login: the user approved, so the deadline no longer applies.
        CodeExchangeResult exchange = await _tokens
            .ExchangeCodeAsync(authorization.AuthorizationCode, LoginEndpoints.DeviceRedirect(_options.Issuer), authorization.CodeVerifier, _cancel.Token)
            .ConfigureAwait(false);
        if (exchange.Tokens is not { } tokens)
        {
            return LoginResult.Failure(LoginMessages.DeviceCodeExchangeFailed(exchange.Error!));
        }

        if (WorkspaceCheck.Violation(_options.ForcedWorkspaceId, tokens.IdToken) is { } violation)
        {
            _logger.WorkspaceRejected();
            return LoginResult.Failure(violation);
        }

        if (!LoginRecordBuilder.TryBuild(tokens, apiKey: null, _options.TimeProvider.GetUtcNow(), out AuthRecord? record))
        {
            _logger.SaveFailed("the id_token is not a JWT");
            return LoginResult.Failure(LoginMessages.SaveFailed);
        }

        switch (_outcome.TryPersist(_persist, record, out Exception? saveError))
        {
            case PersistResult.Failed:
                _logger.SaveFailed(saveError!.GetType().Name);
                return LoginResult.Failure(LoginMessages.SaveFailed);
            case PersistResult.LoginEnded:
                return LoginResult.Failure(LoginMessages.NotCompleted);
            default:
                _logger.CredentialsSaved(apiKeyIncluded: false);
                return LoginResult.Success;
        }
    }

    private bool Finish(LoginResult result)
    {
        if (!_outcome.TryFinish(result))
        {
            return false;
        }

        _logger.LoginEnded(LoginId, _outcome.Task.Result.Succeeded);
        return true;
    }
}
