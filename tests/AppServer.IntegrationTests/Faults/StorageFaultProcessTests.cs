using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using AppServer.DevIssuer;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.Testing;

namespace AppServer.IntegrationTests.Faults;

/// <summary>
/// A real server process over a CODEX_HOME that misbehaves for real: auth.json as a FIFO, a home on
/// a full tmpfs. Counts are the mock issuer's refresh-grant POSTs.
/// </summary>
[Trait("Requires", "Linux")]
[UnsupportedOSPlatform("windows")]
public sealed class StorageFaultProcessTests : IAsyncLifetime
{
    private MockIssuer _issuer = null!;

    public async Task InitializeAsync() => _issuer = await MockIssuer.StartAsync();

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    [Fact]
    public async Task AuthJsonIsAFifo_EveryRequestIsStillAnsweredAsNotLoggedIn()
    {
        using var home = new TempCodexHome();
        using (var mkfifo = Process.Start("mkfifo", home.AuthFile))
        {
            await mkfifo.WaitForExitAsync();
            mkfifo.ExitCode.Should().Be(0);
        }

        await using var server = ServerProcess.Start(home.Path);
        await server.Client.InitializeAsync();

        var status = await server.Client.RequestAsync("getAuthStatus", new { includeToken = true }).WaitAsync(JsonLineClient.Timeout);
        var again = await server.Client.RequestAsync("getAuthStatus", new { includeToken = true }).WaitAsync(JsonLineClient.Timeout);
        var userAgent = await server.Client.RequestAsync("getUserAgent").WaitAsync(JsonLineClient.Timeout);

        status["result"]!["authMethod"].Should().BeNull("a FIFO is not a credential file");
        again["result"]!["authMethod"].Should().BeNull();
        userAgent["result"].Should().NotBeNull();
        CountOccurrences(server.Stderr, "FIFO").Should().Be(1, "the reason is logged once");
    }

    [Fact]
    public async Task HomeCannotTakeAWrite_NoPostAndTheOldRefreshTokenStaysValid_ThenSpaceReturnsAndOneRefreshIsSaved()
    {
        using var home = new SmallFileSystem(mode: "0700");
        var credentials = _issuer.IssueCredentials();
        File.WriteAllText(home.AuthFile, AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1)));
        await using var server = ServerProcess.Start(
            home.Path,
            new Dictionary<string, string> { ["CODEX_REFRESH_TOKEN_URL_OVERRIDE"] = _issuer.TokenEndpoint.ToString() });
        await server.Client.InitializeAsync();
        await server.Client.RequestAsync("getAuthStatus", new { });
        home.Fill();

        var whileFull = await server.Client.RequestAsync("getAuthStatus", new { includeToken = true, refreshToken = true });
        var postsWhileFull = _issuer.RefreshRequestCount;
        home.Free();
        var afterSpace = await server.Client.RequestAsync("getAuthStatus", new { includeToken = true, refreshToken = true });

        postsWhileFull.Should().Be(0, "a refresh token whose replacement cannot be stored is not spent");
        whileFull["result"]!["authToken"]!.GetValue<string>().Should().Be(credentials.AccessToken, "the cached token answers");
        server.Stderr.Should().Contain("no space left on device");

        _issuer.RefreshRequestCount.Should().Be(1, "one refresh once the home can take a write");
        var saved = JsonNode.Parse(File.ReadAllText(home.AuthFile))!["tokens"]!;
        saved["refresh_token"]!.GetValue<string>().Should().NotBe(credentials.RefreshToken, "the old token was still valid and is now rotated");
        afterSpace["result"]!["authToken"]!.GetValue<string>().Should().Be(saved["access_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadOnlyHome_ExplicitRefreshIsAnsweredAtOnceWithTheTrueCauseAndNoPost()
    {
        using var home = new SmallFileSystem(mode: "0700");
        var credentials = _issuer.IssueCredentials();
        File.WriteAllText(home.AuthFile, AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1)));
        home.MakeReadOnly();
        await using var server = ServerProcess.Start(
            home.Path,
            new Dictionary<string, string> { ["CODEX_REFRESH_TOKEN_URL_OVERRIDE"] = _issuer.TokenEndpoint.ToString() });
        await server.Client.InitializeAsync();

        // Waiting for a lock nobody can hold used to stall this for the 30 s lock timeout.
        var status = await server.Client.RequestAsync("getAuthStatus", new { includeToken = true, refreshToken = true })
            .WaitAsync(TimeSpan.FromSeconds(15));
        await server.Client.RequestAsync("getAuthStatus", new { includeToken = true, refreshToken = true }).WaitAsync(TimeSpan.FromSeconds(15));

        status["result"]!["authToken"]!.GetValue<string>().Should().Be(credentials.AccessToken);
        _issuer.RefreshRequestCount.Should().Be(0, "nothing can be stored in a read-only home, so the refresh token is not spent");
        server.Stderr.Should().Contain("read-only file system").And.NotContain("held the refresh lock");
        CountOccurrences(server.Stderr, "Not refreshing").Should().Be(1, "the cause is logged once");
    }

    private static int CountOccurrences(string text, string needle)
    {
        int count = 0;
        for (int at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
