using System.Net.Sockets;
using AppServer.Auth.Storage;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Login;

/// <summary>
/// The browser login (docs/codex-compatibility.md §8.1): a callback server on 127.0.0.1, PKCE, the code exchange, the
/// workspace rule, a best-effort API key, and the save. It ends on the success page, an error page,
/// <c>GET /cancel</c>, <see cref="Cancel"/>, disposal, or <see cref="LoginOptions.LoginTimeout"/>;
/// the port is free as soon as it ends.
/// </summary>
internal sealed class BrowserLogin : IActiveLogin
{
    private readonly LoopbackServer _server;
    private readonly CallbackHandler _handler;
    private readonly LoginOutcome _outcome;
    private readonly SemaphoreSlim _serial = new(1, 1);
    private readonly ITimer? _timeout;
    private readonly ILogger _logger;
    private readonly Lazy<Task> _disposal;

    private BrowserLogin(LoopbackServer server, CallbackHandler handler, LoginOutcome outcome, string authUrl, LoginOptions options, ILogger logger)
    {
        _server = server;
        _handler = handler;
        _outcome = outcome;
        _logger = logger;
        _disposal = new Lazy<Task>(DisposeCoreAsync);
        AuthUrl = authUrl;

        // The timer may fire before the assignment completes (a tiny timeout); Finish tolerates that.
        _timeout = options.TimeProvider.CreateTimer(
            static state => ((BrowserLogin)state!).Finish(LoginResult.Failure(LoginMessages.TimedOut)),
            this,
            options.LoginTimeout,
            Timeout.InfiniteTimeSpan);
        _server.Start(HandleAsync, Finish);
        logger.BrowserLoginStarted(LoginId, _server.Port);
    }

    public Guid LoginId { get; } = Guid.NewGuid();

    /// <summary>The URL to open in the user's browser. It carries the state and PKCE challenge: never log it.</summary>
    public string AuthUrl { get; }

    /// <summary>The port actually bound on 127.0.0.1.</summary>
    public int Port => _server.Port;

    /// <summary>
    /// The result with its error as the completion notification carries it:
    /// <c>Login server error: {error}</c>, or <see cref="LoginMessages.TimedOut"/> as is.
    /// </summary>
    public Task<LoginResult> Completion => _outcome.Task;

    /// <summary>Binds the callback server and returns the login, already waiting for the callback.</summary>
    /// <param name="options">Issuer, port, forced workspace, originator, timeouts and clock.</param>
    /// <param name="httpClient">For the issuer; it should not follow redirects.</param>
    /// <param name="persist">Saves the finished login; the host passes <c>AuthManager.LoginWithChatGpt</c>.</param>
    /// <param name="logger">Receives no secrets.</param>
    /// <param name="cancellationToken">Aborts the bind retries.</param>
    /// <exception cref="LoginServerStartException">The port could not be taken (docs/codex-compatibility.md §8.1 binding rules).</exception>
    public static async Task<BrowserLogin> StartAsync(
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

        TcpListener listener = await PortBinder
            .BindAsync(options.Port, options.BindRetryDelay, options.TimeProvider, logger, cancellationToken)
            .ConfigureAwait(false);
        var server = new LoopbackServer(listener, options.TimeProvider, logger);
        try
        {
            string verifier = Pkce.CreateVerifier();
            string state = Pkce.CreateState();
            string redirectUri = LoginEndpoints.BrowserRedirect(server.Port);
            string authUrl = AuthorizeUrl.Build(
                options.Issuer, redirectUri, Pkce.ComputeChallenge(verifier), state, options.Originator(), options.ForcedWorkspaceId);
            var outcome = new LoginOutcome();
            var handler = new CallbackHandler(
                new CallbackSettings(options.Issuer, options.ForcedWorkspaceId, server.Port, redirectUri, verifier, state),
                new TokenExchangeClient(httpClient, options.Issuer, options.RequestTimeout, options.TimeProvider, logger),
                outcome,
                persist,
                options.TimeProvider,
                logger);
            return new BrowserLogin(server, handler, outcome, authUrl, options, logger);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Cancel() => Finish(LoginResult.Failure(LoginMessages.ServerError(LoginMessages.NotCompleted)));

    /// <summary>Cancels the login if it is still running and waits until the server has stopped. Idempotent.</summary>
    public ValueTask DisposeAsync() => new(_disposal.Value);

    private async Task DisposeCoreAsync()
    {
        Cancel();
        await _server.DisposeAsync().ConfigureAwait(false);
        _timeout?.Dispose();
        _serial.Dispose();
    }

    private void Finish(LoginResult result)
    {
        if (!_outcome.TryFinish(result))
        {
            return;
        }

        _timeout?.Dispose();
        _server.Stop();
        _logger.LoginEnded(LoginId, _outcome.Task.Result.Succeeded);
    }

    // One request at a time, as upstream: a second callback must not race the first one's exchange and save.
    private async Task<CallbackReply> HandleAsync(HttpRequestHead request, CancellationToken cancellationToken)
    {
        await _serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _outcome.IsFinished
                ? new CallbackReply(HttpReply.Html(LoginPages.Error(LoginMessages.NotCompleted)))
                : await _handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _serial.Release();
        }
    }
}
