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
    private readonly Task<IReadOnlyList<IDisposable>> _watchers;

    public AppServices(AppServerSettings settings, ILoggerFactory loggerFactory)
    {
        Settings = settings;
        LoggerFactory = loggerFactory;
        UserAgent = new UserAgent(Version);
        Connections = new ConnectionRegistry(loggerFactory.CreateLogger<ConnectionRegistry>());

        _core = new AuthCore(settings, UserAgent, loggerFactory);
        Auth = _core.Manager;
        _notifier = new AccountNotifier(Auth, Connections);

        // Off the start-up path: the first request does not wait for inotify setup. The state is
        // loaded first, so a change made right after start is seen as a change.
        var stores = _core.Stores;
        _watchers = settings.WatchAuthFile
            ? Task.Run(() =>
            {
                _ = Auth.State;
                var watchers = new List<IDisposable>();
                foreach (var file in stores.WatchedFiles)
                {
                    watchers.Add(new AuthFileWatcher(file, Auth.ReloadFromDisk, settings.TimeProvider, settings.Watcher, loggerFactory.CreateLogger<AuthFileWatcher>()));
                }

                // A permanent failure another process records beside the credentials does not change
                // them, so it is watched on its own: this server's clients hear the health change unasked.
                watchers.Add(new AuthFileWatcher(
                    Path.Combine(settings.Home.Path, RefreshStatusStore.FileName), Auth.ReloadRefreshStatus, settings.TimeProvider, settings.Watcher, loggerFactory.CreateLogger<AuthFileWatcher>()));
                if (stores.PollsStore)
                {
                    watchers.Add(new StorePoller(Auth.ReloadFromDisk, settings.TimeProvider, settings.StorePollInterval, loggerFactory.CreateLogger<StorePoller>()));
                }

                return (IReadOnlyList<IDisposable>)watchers;
            })
            : Task.FromResult<IReadOnlyList<IDisposable>>([]);

        var policy = settings.LoginPolicy ?? LoginPolicy.From(_core.Config);
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

    /// <summary>Revokes started by logouts and replacing logins (tests drain them to observe the issuer).</summary>
    public Auth.Revoke.TokenRevocations Revocations => _core.Revocations;

    public IReadOnlyList<IRpcHandler> Handlers { get; }

    public RpcConnection Connect(Stream sending, Stream receiving) =>
        RpcConnection.Start(sending, receiving, Handlers, Connections, Settings.Framing with { Clock = Settings.TimeProvider }, LoggerFactory, _notifier.FlushAsync);

    public async ValueTask DisposeAsync()
    {
        foreach (var watcher in await _watchers.ConfigureAwait(false))
        {
            watcher.Dispose();
        }

        // Ends any login in progress and frees its port (1455) for the next server.
        await _chatGptLogins.DisposeAsync().ConfigureAwait(false);
        // A refresh in flight finishes and is saved before the process goes (its own timeout bounds this).
        await Auth.WhenRefreshesCompleteAsync().ConfigureAwait(false);
        // Refreshed tokens a failed save left only in memory get a last write, whichever way the
        // server is leaving (stdin closed, SIGTERM, parent gone: all of them end here).
        Auth.FlushUnsavedTokens();
        // A logout answered before its revoke finished: the revoke still gets its (bounded) chance.
        await _core.Revocations.DrainAsync().ConfigureAwait(false);
        await _notifier.DisposeAsync().ConfigureAwait(false);
        _core.Dispose();
    }
}
