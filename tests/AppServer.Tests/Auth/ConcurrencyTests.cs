using System.Text.Json.Nodes;
using AppServer.DevIssuer;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Auth;

/// <summary>Single flight inside one process (docs/failure-modes.md §3.1).</summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private IssuerServerFixture _fixture = null!;

    private MockIssuer Issuer => _fixture.Issuer;

    public async Task InitializeAsync() => _fixture = await IssuerServerFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    [InlineData(100)]
    public async Task ConcurrentRefreshPolls_ShareOnePost_AndAllGetTheNewToken(int callers)
    {
        var credentials = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1)));
        await _fixture.StartServerAsync();
        var gate = Issuer.HoldRefreshes();

        var polls = Enumerable.Range(0, callers).Select(_ => _fixture.StatusAsync(includeToken: true, refreshToken: true)).ToList();
        await Issuer.WaitForRefreshRequestsAsync(1, JsonLineClient.Timeout);
        gate.Release();
        var answers = await Task.WhenAll(polls);

        var tokens = answers.Select(a => a["authToken"]!.GetValue<string>()).Distinct().ToList();
        tokens.Should().ContainSingle().Which.Should().NotBe(credentials.AccessToken);
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task ConcurrentRefreshPolls_AfterPermanentFailure_OnePostAndNoToken()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow.AddDays(-1)));
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");
        await _fixture.StartServerAsync();
        var gate = Issuer.HoldRefreshes();

        var firstWave = Enumerable.Range(0, 20).Select(_ => _fixture.StatusAsync(includeToken: true, refreshToken: true)).ToList();
        await Issuer.WaitForRefreshRequestsAsync(1, JsonLineClient.Timeout);
        gate.Release();
        var first = await Task.WhenAll(firstWave);
        var second = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _fixture.StatusAsync(includeToken: true, refreshToken: true)));

        first.Concat(second).Should().OnlyContain(a => a["authToken"] == null && a["authMethod"]!.GetValue<string>() == "chatgpt");
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task MixedEntryPoints_OnStaleCredentials_ShareOnePost()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(accessTokenExpired: true), DateTimeOffset.UtcNow.AddDays(-1)));
        await _fixture.StartServerAsync();
        var gate = Issuer.HoldRefreshes();

        var calls = new List<Task<JsonObject>>
        {
            _fixture.StatusAsync(includeToken: true, refreshToken: true),
            _fixture.StatusAsync(includeToken: true, refreshToken: false),
            _fixture.Client.CallAsync("account/read", new { refreshToken = true }),
        };
        await Issuer.WaitForRefreshRequestsAsync(1, JsonLineClient.Timeout);
        gate.Release();
        await Task.WhenAll(calls);

        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task LateFailure_ForReplacedCredentials_DoesNotPoisonTheNewOnes()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow.AddDays(-1)));
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");
        await _fixture.StartServerAsync();
        var gate = Issuer.HoldRefreshes();

        var inFlight = _fixture.StatusAsync(includeToken: true, refreshToken: true);
        await Issuer.WaitForRefreshRequestsAsync(1, JsonLineClient.Timeout);
        _fixture.Server.Services.Auth.LoginWithApiKey("sk-newer");
        gate.Release();
        await inFlight;

        (await _fixture.StatusAsync(includeToken: true)).ToJsonString()
            .Should().Be("""{"authMethod":"apikey","authToken":"sk-newer","requiresOpenaiAuth":true}""");
    }

    [Fact]
    public async Task LogoutDuringRefresh_FinishedRefreshNeverBringsCredentialsBack()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow.AddDays(-1)));
        await _fixture.StartServerAsync();
        var gate = Issuer.HoldRefreshes();

        var inFlight = _fixture.StatusAsync(includeToken: true, refreshToken: true);
        await Issuer.WaitForRefreshRequestsAsync(1, JsonLineClient.Timeout);
        _fixture.Server.Services.Auth.Logout();
        gate.Release();
        await inFlight;

        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
        (await _fixture.StatusAsync(includeToken: true))["authMethod"].Should().BeNull();
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task CallerCancelsDuringRefresh_RefreshStillCompletesAndIsPersisted()
    {
        var credentials = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1)));
        await _fixture.StartServerAsync();
        var gate = Issuer.HoldRefreshes();

        var cancelled = _fixture.Client.RequestAsync("getAuthStatus", new { includeToken = true, refreshToken = true }, JsonValue.Create("cancel-me"));
        await Issuer.WaitForRefreshRequestsAsync(1, JsonLineClient.Timeout);
        await _fixture.Client.SendLineAsync("""{"method":"$/cancelRequest","params":{"id":"cancel-me"}}""");
        var response = await cancelled;
        gate.Release();
        var next = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        // The refresh is held until the answer arrives, so the cancel always wins here.
        response["error"]!.ToJsonString().Should().Be("""{"code":-32800,"message":"Request canceled"}""");
        var onDisk = JsonNode.Parse(_fixture.Home.ReadAuthJson())!;
        next["authToken"]!.GetValue<string>().Should().NotBe(credentials.AccessToken).And.Be(onDisk["tokens"]!["access_token"]!.GetValue<string>());
        Issuer.RefreshRequestCount.Should().Be(1);
    }
}
