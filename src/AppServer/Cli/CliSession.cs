using AppServer.Auth;
using AppServer.Handlers.Initialize;
using Microsoft.Extensions.Logging;

namespace AppServer.Cli;

/// <summary>What a one-shot verb (<c>status</c>, <c>login</c>, <c>logout</c>) works with: the home and an AuthManager.</summary>
internal sealed class CliSession : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;

    private CliSession(CodexHome home, AppServerSettings settings)
    {
        Home = home;
        _loggerFactory = Hosting.Logging.CreateFactory(Microsoft.Extensions.Logging.LogLevel.Warning);
        UserAgent = new UserAgent(AppServices.Version);
        Core = new AuthCore(settings, UserAgent, _loggerFactory);
    }

    public CodexHome Home { get; }

    public UserAgent UserAgent { get; }

    public AuthCore Core { get; }

    public ILogger Logger => _loggerFactory.CreateLogger("appserver");

    /// <summary>Opens a session on <c>CODEX_HOME</c>; null (with one line on stderr) when the home is unusable.</summary>
    public static CliSession? Open(TextWriter stderr)
    {
        var home = CodexHome.FromEnvironment();
        if (home.Error is { } error)
        {
            stderr.WriteLine($"appserver: Invalid CODEX_HOME: {error}");
            return null;
        }

        return new CliSession(home, new AppServerSettings { Home = home });
    }

    /// <summary>
    /// Waits for any revoke a login or logout started (each bounded by its own timeout) before the
    /// HTTP client goes: a one-shot process that exited at once would cut the revoke off.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Core.Revocations.DrainAsync().ConfigureAwait(false);
        Core.Dispose();
        _loggerFactory.Dispose();
    }
}
