using AppServer.Auth.CrossProcess;
using AppServer.Auth.Jwt;
using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Storage;
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
            new AuthFileStore(Home, NullLogger<AuthFileStore>.Instance),
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

    /// <summary>Writes auth.json as another process would.</summary>
    public void WriteAuth(AuthRecord record) => File.WriteAllBytes(AuthFilePath, AuthJsonCodec.Serialize(record));

    public byte[] ReadAuthBytes() => File.ReadAllBytes(AuthFilePath);

    public AuthRecord ReadAuth() => AuthJsonCodec.Parse(ReadAuthBytes());

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
        await Issuer.DisposeAsync();
        _httpClient.Dispose();
        _home.Dispose();
    }
}
