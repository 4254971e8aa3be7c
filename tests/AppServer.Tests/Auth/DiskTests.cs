using System.Text;
using System.Text.Json.Nodes;
using AppServer.DevIssuer;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Auth;

/// <summary>Guarded reload, save failures and corrupt files (docs/failure-modes.md §3.4, §3.5).</summary>
public sealed class DiskTests : IAsyncLifetime
{
    private IssuerServerFixture _fixture = null!;

    private MockIssuer Issuer => _fixture.Issuer;

    public async Task InitializeAsync() => _fixture = await IssuerServerFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task RefreshRequested_AfterAnotherProcessRotated_AdoptsDiskTokensWithoutPost()
    {
        var credentials = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1)));
        await _fixture.StartServerAsync();
        await _fixture.StatusAsync();

        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow, accessToken: "rotated-elsewhere", refreshToken: "rt-elsewhere"));
        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        status["authToken"]!.GetValue<string>().Should().Be("rotated-elsewhere");
        Issuer.RefreshRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task RefreshRequested_AfterAnotherAccountLoggedIn_DoesNotSpendOrSwitchSilently()
    {
        var mine = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(mine, DateTimeOffset.UtcNow.AddDays(-1)));
        // Without the live-reload watcher, so only the refresh path sees the new file.
        await _fixture.StartServerAsync(settings => settings with { WatchAuthFile = false });
        await _fixture.StatusAsync();

        var other = Issuer.IssueCredentials(email: "other@example.com", accountId: "acct_other", userId: "user-other");
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(other, DateTimeOffset.UtcNow));
        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        status["authToken"]!.GetValue<string>().Should().Be(mine.AccessToken);
        status.Should().NotContainKey("refreshFailure", "an account mismatch is not recorded as poison");
        Issuer.RefreshRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task AnotherAccountLogsInElsewhere_LiveReloadReportsItAndNotifies()
    {
        var mine = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(mine, DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();
        await _fixture.StatusAsync();

        var other = Issuer.IssueCredentials(email: "other@example.com", plan: "plus", accountId: "acct_other", userId: "user-other");
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(other, DateTimeOffset.UtcNow));
        var updated = await _fixture.Client.NextNotificationAsync();
        var statusChange = await _fixture.Client.NextNotificationAsync();

        updated.WithoutStamp().ToJsonString().Should().Be("""{"jsonrpc":"2.0","method":"account/updated","params":{"authMode":"chatgpt","planType":"plus","reason":"unknown"}}""");
        statusChange.WithoutStamp().ToJsonString().Should().Be("""{"jsonrpc":"2.0","method":"authStatusChange","params":{"authMethod":"chatgpt"}}""");
        (await _fixture.StatusAsync(includeToken: true))["authToken"]!.GetValue<string>().Should().Be(other.AccessToken);
        Issuer.RefreshRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task DeadCredentials_VanishingBrieflyAndComingBack_AreStillNeverSentAgain()
    {
        var dead = Issuer.IssueCredentials();
        var content = AuthFixtures.ChatGpt(dead, DateTimeOffset.UtcNow.AddDays(-1));
        _fixture.Home.WriteAuthJson(content);
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");
        await _fixture.StartServerAsync();
        await _fixture.StatusAsync(refreshToken: true);
        (await _fixture.Client.NextNotificationAsync())["params"]!["state"]!.GetValue<string>().Should().Be("needsLogin");

        // An in-place writer caught mid-write: the file reads as missing, then the same content returns.
        File.Delete(_fixture.Home.AuthFile);
        (await _fixture.Client.NextNotificationAsync())["params"]!["authMode"].Should().BeNull();
        await _fixture.Client.NextNotificationAsync();
        (await _fixture.Client.NextNotificationAsync())["params"]!["state"]!.GetValue<string>().Should().Be("loggedOut");
        _fixture.Home.WriteAuthJson(content);
        await _fixture.Client.NextNotificationAsync();
        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        status["refreshFailure"]!["reason"]!.GetValue<string>().Should().Be("exhausted");
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task LiveReload_OfCredentialsAnotherProcessFoundDead_WithholdsTheTokenWithoutACall()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(email: "first@example.com"), DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();
        await _fixture.StatusAsync();
        var dead = Issuer.IssueCredentials(email: "dead@example.com");
        new AppServer.Auth.CrossProcess.RefreshStatusStore(_fixture.Home.Path).RecordFailure(
            dead.RefreshToken, new AppServer.Auth.Refresh.PermanentRefreshError(AppServer.Auth.Refresh.RefreshFailureKind.Revoked, "recorded elsewhere"), DateTimeOffset.UtcNow);

        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(dead, DateTimeOffset.UtcNow));
        await _fixture.Client.NextNotificationAsync();
        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: false);

        status["authToken"].Should().BeNull();
        status["refreshFailure"]!["reason"]!.GetValue<string>().Should().Be("revoked");
        Issuer.RefreshRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task SaveFailsAfterRefresh_KeepsNewTokensInMemory_AndDoesNotRefreshAgain()
    {
        var credentials = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1)));
        // The watcher would (rightly) read the broken path as a logout; this test is about the save.
        await _fixture.StartServerAsync(settings => settings with { WatchAuthFile = false });
        var gate = Issuer.HoldRefreshes();

        var inFlight = _fixture.StatusAsync(includeToken: true, refreshToken: true);
        await Issuer.WaitForRefreshRequestsAsync(1, JsonLineClient.Timeout);
        // The tests run as root, which ignores a read-only folder; a directory where the file must
        // go fails the atomic rename for any user.
        File.Delete(_fixture.Home.AuthFile);
        Directory.CreateDirectory(_fixture.Home.AuthFile);
        gate.Release();
        var first = await inFlight;
        var again = await _fixture.StatusAsync(includeToken: true, refreshToken: true);
        var plain = await _fixture.StatusAsync(includeToken: true);

        first["authToken"]!.GetValue<string>().Should().NotBe(credentials.AccessToken);
        again["authToken"]!.GetValue<string>().Should().Be(first["authToken"]!.GetValue<string>());
        plain["authToken"]!.GetValue<string>().Should().Be(first["authToken"]!.GetValue<string>());
        Issuer.RefreshRequestCount.Should().Be(1);
        _fixture.Server.Logs.Lines.Count(l => l.Contains("could not be saved", StringComparison.Ordinal)).Should().Be(1);
    }

    public static TheoryData<string, byte[]> CorruptFiles() => new()
    {
        { "empty", [] },
        { "whitespace", Encoding.UTF8.GetBytes("  \n\t ") },
        { "open brace", Encoding.UTF8.GetBytes("{") },
        { "truncated in a token", Encoding.UTF8.GetBytes("""{"auth_mode":"chatgpt","tokens":{"id_token":"eyJhbGciOiJub25lIn0.eyJ""") },
        { "tokens as string", Encoding.UTF8.GetBytes("""{"tokens":""}""") },
        { "numeric key", Encoding.UTF8.GetBytes("""{"OPENAI_API_KEY":42}""") },
        { "bad last_refresh", Encoding.UTF8.GetBytes("""{"OPENAI_API_KEY":"sk-x","last_refresh":"yesterday"}""") },
        { "unknown auth_mode", Encoding.UTF8.GetBytes("""{"auth_mode":"magic","OPENAI_API_KEY":"sk-x"}""") },
        { "duplicate keys", Encoding.UTF8.GetBytes("""{"OPENAI_API_KEY":"sk-a","OPENAI_API_KEY":"sk-b"}""") },
        { "id_token not a JWT", Encoding.UTF8.GetBytes("""{"auth_mode":"chatgpt","tokens":{"id_token":"nope","access_token":"a","refresh_token":"r","account_id":"acct"},"last_refresh":"2026-01-01T00:00:00Z"}""") },
        { "binary", [0x00, 0xFF, 0x13, 0x37, 0x80, 0x81] },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public async Task CorruptAuthJson_MeansNotLoggedIn_NoPost_FileUntouched_ReportedOnce(string name, byte[] content)
    {
        File.WriteAllBytes(_fixture.Home.AuthFile, content);
        await _fixture.StartServerAsync();

        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);
        await _fixture.StatusAsync(includeToken: true, refreshToken: false);
        var account = await _fixture.Client.CallAsync("account/read", new { refreshToken = true });

        status.ToJsonString().Should().Be("""{"authMethod":null,"authToken":null,"requiresOpenaiAuth":true}""", name);
        account["account"].Should().BeNull();
        File.ReadAllBytes(_fixture.Home.AuthFile).Should().Equal(content);
        Issuer.RefreshRequestCount.Should().Be(0);
        _fixture.Server.Logs.Lines.Count(l => l.Contains("auth.json", StringComparison.Ordinal) && l.StartsWith("Warning", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task AuthJsonIsADirectory_MeansNotLoggedIn()
    {
        Directory.CreateDirectory(_fixture.Home.AuthFile);
        await _fixture.StartServerAsync();

        (await _fixture.StatusAsync(includeToken: true))["authMethod"].Should().BeNull();
    }

    [Fact]
    public async Task LegacyFileWithKeyAndTokens_ResolvesToApiKey()
    {
        var node = AuthFixtures.ChatGptNode(Issuer.IssueCredentials(), DateTimeOffset.UtcNow);
        node.Remove("auth_mode");
        node["OPENAI_API_KEY"] = "sk-legacy";
        _fixture.Home.WriteAuthJson(node.ToJsonString());
        await _fixture.StartServerAsync();

        (await _fixture.StatusAsync(includeToken: true, refreshToken: true)).ToJsonString()
            .Should().Be("""{"authMethod":"apikey","authToken":"sk-legacy","requiresOpenaiAuth":true}""");
        Issuer.RefreshRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task EmptyRefreshToken_IsNeverSent()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow.AddDays(-1), refreshToken: ""));
        await _fixture.StartServerAsync();

        var first = await _fixture.StatusAsync(includeToken: true, refreshToken: true);
        var second = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        second["refreshFailure"]!["reason"]!.GetValue<string>().Should().Be("other");
        first["authToken"].Should().BeNull();
        Issuer.RefreshRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task UnknownFields_SurviveARefresh()
    {
        var node = AuthFixtures.ChatGptNode(Issuer.IssueCredentials(), DateTimeOffset.UtcNow.AddDays(-1));
        node["future_field"] = new JsonObject { ["keep"] = true };
        node["tokens"]!["token_extra"] = "x";
        _fixture.Home.WriteAuthJson(node.ToJsonString());
        await _fixture.StartServerAsync();

        await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        var onDisk = JsonNode.Parse(_fixture.Home.ReadAuthJson())!;
        onDisk["future_field"]!["keep"]!.GetValue<bool>().Should().BeTrue();
        onDisk["tokens"]!["token_extra"]!.GetValue<string>().Should().Be("x");
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task FileMode_AfterRefresh_IsOwnerOnly()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow.AddDays(-1)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_fixture.Home.AuthFile, (UnixFileMode)Convert.ToInt32("644", 8));
        }

        await _fixture.StartServerAsync();
        await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(_fixture.Home.AuthFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
