using System.Reflection;
using AppServer.Auth.Config;
using AppServer.Auth.CrossProcess;
using AppServer.Auth.Manager;
using AppServer.Handlers;
using AppServer.Handlers.Account;
using AppServer.Handlers.Initialize;
using AppServer.Handlers.Login;
using AppServer.Handlers.V1;
using AppServer.Handlers.Status;
using AppServer.Rpc;
using Microsoft.Extensions.Logging;

namespace AppServer;

/// <summary>
/// The composition root: one of each process-wide service (a single AuthManager above all), and
/// the handler for every method.
/// </summary>
internal sealed class AppServices : IAsyncDisposable
{
    private readonly AuthCore _core;
    private readonly AccountNotifier _notifier;
    private readonly ChatGptLogins _chatGptLogins;
    private readonly Task<AuthFileWatcher?> _watcher;
    private readonly Task<AuthFileWatcher?> _statusWatcher;

    public AppServices(AppServerSettings settings, ILoggerFactory loggerFactory)
    {
        Settings = settings;
        LoggerFactory = loggerFactory;
        UserAgent = new UserAgent(Version);
        Connections = new ConnectionRegistry(loggerFactory.CreateLogger<ConnectionRegistry>());

        _core = new AuthCore(settings, UserAgent, loggerFactory);
        Auth = _core.Manager;
        var home = settings.Home.Path;
        _notifier = new AccountNotifier(Auth, Connections);

        // Off the start-up path: the first request does not wait for inotify setup. The state is
        // loaded first, so a change made right after start is seen as a change.
        _watcher = settings.WatchAuthFile
            ? Task.Run(() =>
            {
                _ = Auth.State;
                return (AuthFileWatcher?)new AuthFileWatcher(
                    Path.Combine(home, "auth.json"), Auth.ReloadFromDisk, settings.TimeProvider, settings.Watcher, loggerFactory.CreateLogger<AuthFileWatcher>());
            })
            : Task.FromResult<AuthFileWatcher?>(null);

        // A permanent failure another process records beside auth.json does not change auth.json,
        // so it is watched on its own: this server's clients hear the health change without asking.
        _statusWatcher = settings.WatchAuthFile
            ? Task.Run(() =>
            {
                _ = Auth.State;
                return (AuthFileWatcher?)new AuthFileWatcher(
                    Path.Combine(home, RefreshStatusStore.FileName), Auth.ReloadRefreshStatus, settings.TimeProvider, settings.Watcher, loggerFactory.CreateLogger<AuthFileWatcher>());
            })
            : Task.FromResult<AuthFileWatcher?>(null);

        var policy = settings.LoginPolicy ?? LoginPolicy.Load(home);
        _chatGptLogins = new ChatGptLogins(Auth, _notifier, Connections, policy, settings.Login with { Originator = () => UserAgent.Originator, TimeProvider = settings.TimeProvider }, _core.Http, loggerFactory);
        var logins = new LoginService(Auth, _notifier, Connections, policy, _chatGptLogins, settings.TimeProvider);
        Handlers =
        [
            new InitializeHandler(settings.Home, UserAgent),
            new GetAuthStatusHandler(Auth, loggerFactory.CreateLogger<GetAuthStatusHandler>()),
            new AccountReadHandler(Auth),
            new AuthHealthReadHandler(Auth),
            new LoginAccountStartHandler(logins),
            new LoginAccountCancelHandler(logins),
            new LogoutAccountHandler(logins),
            new LoginApiKeyHandler(logins),
            new LogoutChatGptHandler(logins),
            new LoginChatGptHandler(logins),
            new CancelLoginChatGptHandler(logins),
            new UserInfoHandler(Auth),
            new GetUserAgentHandler(UserAgent),
        ];
    }

    public static string Version { get; } =
        typeof(AppServices).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public AppServerSettings Settings { get; }

    public ILoggerFactory LoggerFactory { get; }

    public UserAgent UserAgent { get; }

    public ConnectionRegistry Connections { get; }

    public AuthManager Auth { get; }

    public IReadOnlyList<IRpcHandler> Handlers { get; }

    public RpcConnection Connect(Stream sending, Stream receiving) =>
        RpcConnection.Start(sending, receiving, Handlers, Connections, Settings.Framing with { Clock = Settings.TimeProvider }, LoggerFactory);

    public async ValueTask DisposeAsync()
    {
        (await _watcher.ConfigureAwait(false))?.Dispose();
        (await _statusWatcher.ConfigureAwait(false))?.Dispose();

        // Ends any login in progress and frees its port (1455) for the next server.
        await _chatGptLogins.DisposeAsync().ConfigureAwait(false);
        // A refresh in flight finishes and is saved before the process goes (its own timeout bounds this).
        await Auth.WhenRefreshesCompleteAsync().ConfigureAwait(false);
        await _notifier.DisposeAsync().ConfigureAwait(false);
        _core.Dispose();
    }
}
