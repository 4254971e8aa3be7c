using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AppServer.DevIssuer;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.IntegrationTests.Stores;
using AppServer.Testing;

namespace AppServer.IntegrationTests.CrossProcess;

/// <summary>
/// One refresh per credential across processes and restarts (docs/failure-modes.md §3.2), once per
/// credential store: the lock and the status record are in CODEX_HOME whatever holds the tokens.
/// </summary>
[Trait("Requires", "Linux")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MachineWideRefreshTests : IAsyncLifetime
{
    private const string StatusFile = "appserver-refresh-status.json";
    private MultiServerFixture _fixture = null!;

    private MockIssuer Issuer => _fixture.Issuer;

    public async Task InitializeAsync() => _fixture = await MultiServerFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    public static TheoryData<ProcessStore, int> StoresAndCounts()
    {
        var data = new TheoryData<ProcessStore, int>();
        foreach (var store in Enum.GetValues<ProcessStore>())
        {
            data.Add(store, 2);
            data.Add(store, 5);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StoresAndCounts))]
    public async Task ServersRefreshingAtOnce_SpendTheTokenOnce_AndAllAnswerWithTheNewToken(ProcessStore store, int count)
    {
        await _fixture.UseStoreAsync(store);
        var credentials = Issuer.IssueCredentials();
        _fixture.Store.WriteAuth(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1)));
        var servers = await _fixture.StartServersAsync(count);
        var gate = Issuer.HoldRefreshes();

        var answers = servers.Select(s => s.Client.CallAsync("getAuthStatus", new { includeToken = true, refreshToken = true })).ToList();
        await Issuer.WaitForRefreshRequestsAsync(1, JsonLineClient.Timeout);
        // Every other server must be queued on the machine-wide lock while the POST is held. Without
        // the lock they would each POST instead and never write this line: the test fails every time.
        var waiting = servers.Select(s => s.WaitForStderrAsync("Waiting for the refresh lock")).ToList();
        var deadline = Stopwatch.StartNew();
        while (waiting.Count(t => t.IsCompletedSuccessfully) < count - 1 && deadline.Elapsed < JsonLineClient.Timeout)
        {
            await Task.Delay(20);
        }

        waiting.Count(t => t.IsCompletedSuccessfully).Should().Be(count - 1);
        Issuer.RefreshRequestCount.Should().Be(1);
        gate.Release();
        var results = await Task.WhenAll(answers);

        var tokens = results.Select(r => r["authToken"]!.GetValue<string>()).Distinct().ToList();
        tokens.Should().ContainSingle().Which.Should().NotBe(credentials.AccessToken);
        Issuer.RefreshRequestCount.Should().Be(1);
        servers.Should().OnlyContain(s => !s.Stderr.Contains("reused", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ProcessStores.All), MemberType = typeof(ProcessStores))]
    public async Task RestartsOnDeadCredentials_PostOnceInTotal_ThenANewAuthJsonWorks(ProcessStore store)
    {
        await _fixture.UseStoreAsync(store);
        var dead = Issuer.IssueCredentials();
        _fixture.Store.WriteAuth(AuthFixtures.ChatGpt(dead, DateTimeOffset.UtcNow.AddDays(-1)));
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");

        for (var run = 0; run < 3; run++)
        {
            await using var server = ServerProcess.Start(_fixture.Home.Path, _fixture.ServerEnvironment);
            await server.Client.InitializeAsync();
            var status = await server.Client.CallAsync("getAuthStatus", new { includeToken = true, refreshToken = true });
            status["authToken"].Should().BeNull();
            status["refreshFailure"]!["reason"]!.GetValue<string>().Should().Be("exhausted");
            await server.Client.CloseInputAsync();
            (await server.WaitForExitAsync(TimeSpan.FromSeconds(20))).Should().Be(0);
        }

        Issuer.RefreshRequestCount.Should().Be(1);

        var fresh = Issuer.IssueCredentials();
        _fixture.Store.WriteAuth(AuthFixtures.ChatGpt(fresh, DateTimeOffset.UtcNow.AddDays(-1)));
        Issuer.SetRefreshMode(RefreshMode.Rotate);
        await using var next = ServerProcess.Start(_fixture.Home.Path, _fixture.ServerEnvironment);
        await next.Client.InitializeAsync();
        var recovered = await next.Client.CallAsync("getAuthStatus", new { includeToken = true, refreshToken = true });

        recovered["authToken"]!.GetValue<string>().Should().NotBe(fresh.AccessToken);
        recovered.Should().NotContainKey("refreshFailure");
        Issuer.RefreshRequestCount.Should().Be(2);
        File.Exists(Path.Combine(_fixture.Home.Path, StatusFile)).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(ProcessStores.All), MemberType = typeof(ProcessStores))]
    public async Task LockHolderKilledMidRefresh_NextServerProceedsWithinTheBoundedWait(ProcessStore store)
    {
        await _fixture.UseStoreAsync(store);
        var credentials = Issuer.IssueCredentials();
        _fixture.Store.WriteAuth(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1)));
        Issuer.EnqueueTokenResponse(MockResponse.Hang());
        var holder = await _fixture.StartServerAsync();
        var waiter = await _fixture.StartServerAsync();

        _ = holder.Client.RequestAsync("getAuthStatus", new { includeToken = true, refreshToken = true });
        await Issuer.WaitForRefreshRequestsAsync(1, JsonLineClient.Timeout);
        var answer = waiter.Client.CallAsync("getAuthStatus", new { includeToken = true, refreshToken = true });
        await waiter.WaitForStderrAsync("Waiting for the refresh lock");
        var clock = Stopwatch.StartNew();
        holder.Signal(NativeSignals.SigKill);
        var result = await answer;

        result["authToken"]!.GetValue<string>().Should().NotBe(credentials.AccessToken);
        Issuer.RefreshRequestCount.Should().Be(2);
        Console.Error.WriteLine($"waiter proceeded {clock.ElapsedMilliseconds} ms after the lock holder was killed");
    }

    [Theory]
    [MemberData(nameof(ProcessStores.All), MemberType = typeof(ProcessStores))]
    public async Task AnotherProcessRewritesAuthJson_EveryServerReportsAndNotifies(ProcessStore store)
    {
        await _fixture.UseStoreAsync(store);
        var first = Issuer.IssueCredentials();
        _fixture.Store.WriteAuth(AuthFixtures.ChatGpt(first, DateTimeOffset.UtcNow));
        var servers = await _fixture.StartServersAsync(2);
        foreach (var server in servers)
        {
            // A server loads the credentials on first use; a rewrite that lands before that is the
            // state it starts from, not a change to announce.
            (await server.Client.CallAsync("getAuthStatus", new { includeToken = true }))["authToken"]!.GetValue<string>().Should().Be(first.AccessToken);
        }

        // New tokens for the same account.
        _fixture.Store.WriteAuth(AuthFixtures.ChatGpt(first, DateTimeOffset.UtcNow, accessToken: "rotated-by-cli"));
        await ExpectNotificationsAsync(servers, "chatgpt", "pro");
        foreach (var server in servers)
        {
            (await server.Client.CallAsync("getAuthStatus", new { includeToken = true }))["authToken"]!.GetValue<string>().Should().Be("rotated-by-cli");
        }

        // A different account.
        var other = Issuer.IssueCredentials(email: "other@example.com", plan: "team", accountId: "acct_other", userId: "user-other");
        _fixture.Store.WriteAuth(AuthFixtures.ChatGpt(other, DateTimeOffset.UtcNow));
        await ExpectNotificationsAsync(servers, "chatgpt", "team");
        foreach (var server in servers)
        {
            (await server.Client.CallAsync("account/read", new { }))["account"]!["email"]!.GetValue<string>().Should().Be("other@example.com");
        }

        // Logged out elsewhere.
        _fixture.Store.DeleteAuth();
        await ExpectNotificationsAsync(servers, null, null);
        foreach (var server in servers)
        {
            (await server.Client.CallAsync("getAuthStatus", new { includeToken = true }))["authMethod"].Should().BeNull();
        }

        Issuer.RefreshRequestCount.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(ProcessStores.All), MemberType = typeof(ProcessStores))]
    public async Task PermanentFailure_StatusRecordHoldsOnlyAHash_AndGoesWhenCredentialsChange(ProcessStore store)
    {
        await _fixture.UseStoreAsync(store);
        var dead = Issuer.IssueCredentials();
        _fixture.Store.WriteAuth(AuthFixtures.ChatGpt(dead, DateTimeOffset.UtcNow.AddDays(-1)));
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_expired");
        var server = await _fixture.StartServerAsync();
        await server.Client.CallAsync("getAuthStatus", new { includeToken = true, refreshToken = true });

        var statusPath = Path.Combine(_fixture.Home.Path, StatusFile);
        var record = File.ReadAllText(statusPath);
        record.Should().NotContain(dead.RefreshToken).And.NotContain(dead.AccessToken);
        JsonNode.Parse(record)!["refresh_token_sha256"]!.GetValue<string>()
            .Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dead.RefreshToken))));
        JsonNode.Parse(record)!["reason"]!.GetValue<string>().Should().Be("expired");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(statusPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // The failure changed the health first (needsLogin), announced before the new credentials arrive.
        (await server.Client.NextNotificationAsync())["params"]!["state"]!.GetValue<string>().Should().Be("needsLogin");
        _fixture.Store.WriteAuth(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow));
        await ExpectNotificationsAsync([server], "chatgpt", "pro");

        File.Exists(statusPath).Should().BeFalse();
    }

    private static async Task ExpectNotificationsAsync(IEnumerable<ServerProcess> servers, string? authMode, string? planType)
    {
        foreach (var server in servers)
        {
            var clock = Stopwatch.StartNew();
            var updated = await server.Client.NextNotificationAsync();
            var statusChange = await server.Client.NextNotificationAsync();
            updated["method"]!.GetValue<string>().Should().Be("account/updated");
            updated["params"]!["authMode"]?.GetValue<string>().Should().Be(authMode);
            updated["params"]!["planType"]?.GetValue<string>().Should().Be(planType);
            statusChange["method"]!.GetValue<string>().Should().Be("authStatusChange");
            statusChange["params"]!["authMethod"]?.GetValue<string>().Should().Be(authMode);
            Console.Error.WriteLine($"change seen after {clock.ElapsedMilliseconds} ms");
        }
    }
}
