using AppServer.Testing;
using System.Net;
using System.Net.Sockets;
using AppServer.Auth.Login;
using AppServer.Auth.Tests.Login.Support;
using Microsoft.Extensions.Time.Testing;

namespace AppServer.Auth.Tests.Login;

/// <summary>How a browser login ends other than through the callback, and what it leaves behind.</summary>
public sealed class BrowserLoginLifecycleTests
{
    [Fact]
    public async Task Cancel_BeforeCallback_FailsAsNotCompletedAndFreesThePort()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync();

        // Act
        login.Cancel();
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Failure("Login server error: Login was not completed"));
        PortIsFree(login.Port).Should().BeTrue();
        fixture.AuthFileExists.Should().BeFalse();
    }

    [Fact]
    public async Task Cancel_AfterCallbackWasRefused_KeepsTheFirstEnding()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();
        using HttpResponseMessage page = await browser.GetAsync(BrowserDriver.Callback(
            login.Port, "error=server_error&state=" + Uri.EscapeDataString(BrowserDriver.Query(login.AuthUrl, "state"))));
        await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Act
        login.Cancel();

        // Assert
        (await login.Completion).Error.Should().Be("Login server error: Sign-in failed: server_error");
    }

    [Fact]
    public async Task DisposeAsync_BeforeCallback_FailsAsNotCompletedAndFreesThePort()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        BrowserLogin login = await fixture.StartBrowserAsync();

        // Act
        await login.DisposeAsync();
        await login.DisposeAsync();

        // Assert
        (await login.Completion).Error.Should().Be("Login server error: Login was not completed");
        PortIsFree(login.Port).Should().BeTrue();
    }

    [Fact]
    public async Task LoginTimeout_Passes_FailsAsTimedOutAndFreesThePort()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        var clock = new FakeTimeProvider();
        await using BrowserLogin login = await fixture.StartBrowserAsync(fixture.Options(clock));

        // Act
        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        bool endedEarly = login.Completion.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(1));
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        endedEarly.Should().BeFalse();
        result.Should().Be(LoginResult.Failure("Login timed out"));
        PortIsFree(login.Port).Should().BeTrue();
    }

    [Fact]
    public async Task CancelRoute_Requested_AnswersLoginCancelledAndEndsAsInterrupted()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();

        // Act
        using HttpResponseMessage answer = await browser.GetAsync($"http://127.0.0.1:{login.Port}/cancel");
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync()).Should().Be("Login cancelled");
        result.Should().Be(LoginResult.Failure("Login server error: Login cancelled"));
    }

    [Fact]
    public async Task UnknownPath_Requested_Answers404AndKeepsRunning()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();

        // Act
        using HttpResponseMessage answer = await browser.GetAsync($"http://127.0.0.1:{login.Port}/favicon.ico");

        // Assert
        answer.StatusCode.Should().Be(HttpStatusCode.NotFound);
        login.Completion.IsCompleted.Should().BeFalse();
        await browser.SignInAsync(login.AuthUrl);
        (await login.Completion.WaitAsync(LoginFixture.HangGuard)).Should().Be(LoginResult.Success);
    }

    private static bool PortIsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Dispose();
        }
    }
}
