using System.Text.Json;
using AppServer.Auth.Login;
using AppServer.Auth.Storage;
using AppServer.Auth.Tests.TestSupport;
using AppServer.DevIssuer;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppServer.Auth.Tests.Login.Support;

/// <summary>
/// A real loopback <see cref="MockIssuer"/>, a temporary CODEX_HOME with its <c>auth.json</c> store,
/// the HTTP client the logins use, and a logger that records every line for the secret checks.
/// </summary>
internal sealed class LoginFixture : IAsyncDisposable
{
    /// <summary>Guards against a hang only; a passing test never waits this long.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    public const string Originator = "codex_vscode";

    private LoginFixture(MockIssuer issuer)
    {
        Issuer = issuer;
        Store = new AuthFileStore(Home.Path, NullLogger<AuthFileStore>.Instance);
    }

    public MockIssuer Issuer { get; }

    public TempDirectory Home { get; } = new();

    public AuthFileStore Store { get; }

    /// <summary>What the logins use for the issuer: no proxy, no redirects, no client-wide timeout.</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public CapturingLogger<LoginFixture> Logger { get; } = new();

    public static async Task<LoginFixture> StartAsync(MockIssuerOptions? issuerOptions = null) =>
        new(await MockIssuer.StartAsync(issuerOptions));

    /// <summary>Options against this issuer; port 0 unless a test picked its own.</summary>
    public LoginOptions Options(TimeProvider? timeProvider = null, string? forcedWorkspaceId = null, int port = 0) => new()
    {
        Issuer = Issuer.Issuer,
        Port = port,
        ForcedWorkspaceId = forcedWorkspaceId,
        Originator = static () => Originator,
        TimeProvider = timeProvider ?? TimeProvider.System,
    };

    public void Persist(AuthRecord record) => Store.Save(record);

    public Task<BrowserLogin> StartBrowserAsync(LoginOptions? options = null, Action<AuthRecord>? persist = null) =>
        BrowserLogin.StartAsync(options ?? Options(), Http, persist ?? Persist, Logger, CancellationToken.None);

    public Task<DeviceCodeLogin> StartDeviceAsync(LoginOptions? options = null, Action<AuthRecord>? persist = null) =>
        DeviceCodeLogin.StartAsync(options ?? Options(), Http, persist ?? Persist, Logger, CancellationToken.None);

    public bool AuthFileExists => File.Exists(Store.AuthFilePath);

    /// <summary>The saved <c>auth.json</c>, parsed.</summary>
    public JsonElement ReadAuthJson()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Store.AuthFilePath));
        return document.RootElement.Clone();
    }

    /// <summary>Requests the issuer saw on <paramref name="path"/>, with their bodies.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => [.. Issuer.Requests.Where(r => r.Path == path)];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Issuer.DisposeAsync();
        Home.Dispose();
    }
}
