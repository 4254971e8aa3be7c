using AppServer.Auth.CrossProcess;
using AppServer.Auth.Jwt;
using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Storage;
using AppServer.Auth.Stores;
using AppServer.Auth.Tests.TestSupport;
using AppServer.DevIssuer;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AppServer.Auth.Tests.Manager.Support;

/// <summary>
/// A real temp CODEX_HOME, a real loopback <see cref="MockIssuer"/>, and AuthManagers wired as in
/// production except for the clock: the manager runs on <see cref="Clock"/> (a fake clock the test
/// advances), the HTTP client and the file lock on real time (they never wait in these tests unless
/// a test says so). The issuer mints tokens on the fake clock too, shifted by the configured skew.
/// The credential store is <see cref="StoreKind.File"/> unless a test picks another with
/// <see cref="UseStore"/>; a keyring store uses one in-memory keyring shared by every manager, as
/// processes share the user's keyring.
/// </summary>
internal sealed class ManagerHarness : IAsyncDisposable
{
    public const string AccountId = "acct_123";
    public const string UserId = "user-123";
    public const string TokenPath = "/oauth/token";

    /// <summary>Whole seconds, so JWT <c>iat</c>/<c>exp</c> (seconds) line up exactly with the fake clock.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _home = new();
    private readonly HttpClient _httpClient = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly TimeSpan _localClockAhead;
    private StoreKind _store = StoreKind.File;

    private readonly string? _homeOverride;

    private ManagerHarness(FakeTimeProvider clock, TimeSpan localClockAhead, MockIssuer issuer, string? home)
    {
        Clock = clock;
        _localClockAhead = localClockAhead;
        Issuer = issuer;
        _homeOverride = home;
    }

    /// <summary>The local clock every manager uses.</summary>
    public FakeTimeProvider Clock { get; }

    public MockIssuer Issuer { get; }

    public CapturingLogger<AuthManager> Log { get; } = new();

    /// <summary>The keyring the keyring stores use.</summary>
    public InMemoryKeyring Keyring { get; } = new();

    public StoreKind Store => _store;

    public string Home => _homeOverride ?? _home.Path;

    public string AuthFilePath => Path.Combine(Home, "auth.json");

    public string StatusFilePath => Path.Combine(Home, RefreshStatusStore.FileName);

    public string LockFilePath => Path.Combine(Home, FileRefreshLock.FileName);

    /// <summary>Refresh-grant POSTs the issuer has seen so far.</summary>
    public int Posts => Issuer.RefreshRequestCount;

    /// <summary>Arrival times of the refresh POSTs, on the local (fake) clock.</summary>
    public IReadOnlyList<DateTimeOffset> PostTimes =>
        [.. Issuer.Requests.Where(r => r.Path == TokenPath).Select(r => r.ArrivedAt + _localClockAhead)];

    /// <summary>
    /// Starts an issuer. <paramref name="localClockAhead"/> is how far the local clock runs ahead of the
    /// issuer's (negative: behind); <paramref name="home"/> replaces the temp CODEX_HOME (the caller owns it).
    /// </summary>
    public static async Task<ManagerHarness> StartAsync(TimeSpan localClockAhead = default, TimeSpan? accessTokenLifetime = null, string? home = null)
    {
        var clock = new FakeTimeProvider(Start);
        var issuer = await MockIssuer.StartAsync(new MockIssuerOptions
        {
            TimeProvider = new OffsetTimeProvider(clock, -localClockAhead),
            AccessTokenLifetime = accessTokenLifetime ?? TimeSpan.FromHours(1),
        });
        return new ManagerHarness(clock, localClockAhead, issuer, home);
    }

    /// <summary>
    /// A manager on the shared home. The refresh client makes one request per refresh (as upstream
    /// does), so POST counts equal refresh attempts.
    /// </summary>
    public AuthManager CreateManager(AuthManagerOptions? options = null, TimeProvider? lockClock = null) =>
        new(
            CreateStore(),
            new TokenRefreshClient(_httpClient, RefreshOptions(), TimeProvider.System, NullLogger.Instance),
            new FileRefreshLock(LockFilePath, lockClock ?? TimeProvider.System, NullLogger.Instance),
            new RefreshStatusStore(Home),
            Clock,
            options ?? new AuthManagerOptions(),
            Log);

    public TokenRefreshOptions RefreshOptions() => new()
    {
        TokenEndpoint = () => Issuer.TokenEndpoint,
        MaxAttempts = 1,
        BaseBackoff = TimeSpan.FromMilliseconds(1),
        Jitter = static () => 0,
    };

    /// <summary>A live grant from the issuer (its refresh token has not been spent).</summary>
    public IssuedCredentials Issue(bool accessTokenExpired = false, string accountId = AccountId, string userId = UserId) =>
        Issuer.IssueCredentials(accountId: accountId, userId: userId, accessTokenExpired: accessTokenExpired);

    /// <summary>Issues a grant and writes it to auth.json; <paramref name="lastRefresh"/> defaults to now.</summary>
    public AuthRecord SeedAuth(bool accessTokenExpired = false, DateTimeOffset? lastRefresh = null, string? accessToken = null)
    {
        var record = RecordFor(Issue(accessTokenExpired), lastRefresh ?? Clock.GetUtcNow(), accessToken);
        WriteAuth(record);
        return record;
    }

    /// <summary>An access token with the given <c>exp</c> and <c>iat</c> (default: one hour before <c>exp</c>).</summary>
    public static string AccessToken(DateTimeOffset exp, DateTimeOffset? issuedAt = null) =>
        JwtFactory.AccessToken(exp, AccountId, "pro", issuedAt);

    public static AuthRecord RecordFor(IssuedCredentials credentials, DateTimeOffset? lastRefresh, string? accessToken = null)
    {
        IdTokenClaimsParser.TryParse(credentials.IdToken, out var claims).Should().BeTrue();
        return new AuthRecord
        {
            ExplicitMode = CredentialMode.ChatGpt,
            Tokens = new TokenData(credentials.IdToken, claims!, accessToken ?? credentials.AccessToken, credentials.RefreshToken, credentials.AccountId),
            LastRefresh = lastRefresh,
        };
    }

    /// <summary>Picks the store of every manager this harness creates. Call before seeding.</summary>
    public void UseStore(StoreKind store) => _store = store;

    /// <summary>A fresh instance of the store under test, as another process would open it.</summary>
    public ICredentialStore CreateStore()
    {
        var file = new AuthFileStore(Home, NullLogger<AuthFileStore>.Instance);
        var key = StoreKey.For(Home);
        return _store switch
        {
            StoreKind.File => file,
            StoreKind.KeyringDirect => new KeyringCredentialStore(key, Keyring, file, NullLogger.Instance),
            StoreKind.KeyringSecrets => TestSecretsBackend.Create(Home, key, Keyring),
            StoreKind.Auto => new AutoCredentialStore(new KeyringCredentialStore(key, Keyring, file, NullLogger.Instance), file, NullLogger.Instance),
            StoreKind.Ephemeral => new EphemeralCredentialStore(key),
            _ => throw new ArgumentOutOfRangeException(nameof(_store), _store, null),
        };
    }

    /// <summary>
    /// Stores credentials as another process would: <c>auth.json</c> written in place (as the Codex
    /// CLI writes it) for the file store, a save through another instance of the store otherwise.
    /// </summary>
    public void WriteAuth(AuthRecord record)
    {
        if (_store == StoreKind.File)
        {
            File.WriteAllBytes(AuthFilePath, AuthJsonCodec.Serialize(record));
        }
        else
        {
            CreateStore().Save(record);
        }
    }

    /// <summary>The stored bytes: <c>auth.json</c> for the file store, the serialised record otherwise.</summary>
    public byte[] ReadAuthBytes() => _store == StoreKind.File ? File.ReadAllBytes(AuthFilePath) : AuthJsonCodec.Serialize(ReadAuth());

    /// <summary>What the store under test holds now.</summary>
    public AuthRecord ReadAuth() => CreateStore().Load().Should().BeOfType<AuthLoadResult.Loaded>().Which.Record;

    /// <summary>Whether the store under test holds any credentials.</summary>
    public bool HasStoredAuth() => CreateStore().Load() is not AuthLoadResult.Missing;

    /// <summary>
    /// Calls <paramref name="poll"/> at now, now + every, … up to and including now + duration,
    /// advancing the fake clock between calls; each call completes before time moves on.
    /// </summary>
    public async Task PollAsync(TimeSpan every, TimeSpan duration, Func<Task> poll)
    {
        var polls = (long)(duration / every);
        for (long i = 0; i <= polls; i++)
        {
            if (i > 0)
            {
                Clock.Advance(every);
            }

            await poll();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_store == StoreKind.Ephemeral)
        {
            // Process-wide: leave nothing behind for the next test.
            CreateStore().Delete();
        }

        await Issuer.DisposeAsync();
        _httpClient.Dispose();
        _home.Dispose();
    }
}
