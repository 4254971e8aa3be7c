using AppServer.Testing;
using AppServer.Auth.Login;
using AppServer.Auth.Tests.Login.Support;

namespace AppServer.Auth.Tests.Login;

/// <summary>The binding rules of docs/codex-compatibility.md §8.1 (LOGIN-01, LOGIN-02), on ports the tests hold themselves.</summary>
public sealed class BrowserLoginPortTests
{
    private const int PortBusyEventId = 105;

    [Fact]
    public async Task StartAsync_PortHeldByForeignProcess_FailsAfterTenAttemptsAndOneCancelRequest()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using var foreign = new ForeignListener();
        LoginOptions options = fixture.Options(port: foreign.Port) with { BindRetryDelay = TimeSpan.FromMilliseconds(10) };

        // Act
        Func<Task> start = () => fixture.StartBrowserAsync(options);

        // Assert
        (await start.Should().ThrowAsync<LoginServerStartException>())
            .WithMessage($"Port 127.0.0.1:{foreign.Port} is already in use");
        fixture.Logger.Entries.Count(e => e.EventId.Id == PortBusyEventId).Should().Be(PortBinder.MaxAttempts);
        foreign.Connections.Should().Be(1, "exactly one GET /cancel goes to whatever holds the port");
    }

    [Fact]
    public async Task StartAsync_PortHeldByOlderLoginServer_CancelsItAndTakesThePort()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin older = await fixture.StartBrowserAsync();

        // Act
        await using BrowserLogin newer = await fixture.StartBrowserAsync(fixture.Options(port: older.Port));

        // Assert
        (await older.Completion.WaitAsync(LoginFixture.HangGuard)).Should().Be(LoginResult.Failure("Login server error: Login cancelled"));
        newer.Port.Should().Be(older.Port);
        using var browser = new BrowserDriver();
        await browser.SignInAsync(newer.AuthUrl);
        (await newer.Completion.WaitAsync(LoginFixture.HangGuard)).Should().Be(LoginResult.Success);
    }
}
