using AppServer.Testing;
using AppServer.Auth.CrossProcess;
using AppServer.Auth.Login;
using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Storage;
using AppServer.Auth.Tests.Login.Support;
using AppServer.DevIssuer;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppServer.Auth.Tests.Login;

/// <summary>At most one ChatGPT login, replacement, cancel by id and completion events (LOGIN-09, LOGIN-10).</summary>
public sealed class LoginCoordinatorTests
{
    [Fact]
    public async Task StartAsync_SecondLogin_CancelsFirstAndOldIdIsNotFound()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using var coordinator = new LoginCoordinator(fixture.Logger);
        var completions = new CompletionRecorder(coordinator);
        BrowserLogin first = await coordinator.StartAsync(_ => fixture.StartBrowserAsync(), CancellationToken.None);

        // Act
        DeviceCodeLogin second = await coordinator.StartAsync(_ => fixture.StartDeviceAsync(), CancellationToken.None);
        LoginCompletion firstCompletion = await completions.WaitForAsync(first.LoginId);

        // Assert
        firstCompletion.Should().Be(new LoginCompletion(first.LoginId, false, "Login server error: Login was not completed"));
        coordinator.TryCancel(first.LoginId).Should().Be(CancelLoginStatus.NotFound);
        coordinator.ActiveLoginId.Should().Be(second.LoginId);
    }

    [Fact]
    public async Task CancelActive_WhileAStartIsInFlight_TheStartedLoginIsCancelledNotActive()
    {
        // Arrange: a device-code start that is still talking to the issuer when another sign-in lands.
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using var coordinator = new LoginCoordinator(fixture.Logger);
        var completions = new CompletionRecorder(coordinator);
        var proceed = new TaskCompletionSource();
        var starting = coordinator.StartAsync(
            async _ =>
            {
                await proceed.Task;
                return await fixture.StartDeviceAsync();
            },
            CancellationToken.None);

        // Act
        coordinator.CancelActive();
        proceed.SetResult();
        DeviceCodeLogin login = await starting;
        LoginCompletion completion = await completions.WaitForAsync(login.LoginId);

        // Assert: it can never complete later and overwrite what the user chose meanwhile.
        completion.Success.Should().BeFalse();
        coordinator.ActiveLoginId.Should().BeNull();
    }

    [Fact]
    public async Task TryCancel_ActiveLogin_CancelsItAndRaisesCompletion()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using var coordinator = new LoginCoordinator(fixture.Logger);
        var completions = new CompletionRecorder(coordinator);
        BrowserLogin login = await coordinator.StartAsync(_ => fixture.StartBrowserAsync(), CancellationToken.None);

        // Act
        CancelLoginStatus status = coordinator.TryCancel(login.LoginId);
        LoginCompletion completion = await completions.WaitForAsync(login.LoginId);

        // Assert
        status.Should().Be(CancelLoginStatus.Canceled);
        completion.Should().Be(new LoginCompletion(login.LoginId, false, "Login server error: Login was not completed"));
        coordinator.TryCancel(login.LoginId).Should().Be(CancelLoginStatus.NotFound);
        coordinator.ActiveLoginId.Should().BeNull();
    }

    [Fact]
    public async Task TryCancel_UnknownId_IsNotFoundAndLeavesActiveLogin()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using var coordinator = new LoginCoordinator(fixture.Logger);
        DeviceCodeLogin login = await coordinator.StartAsync(_ => fixture.StartDeviceAsync(), CancellationToken.None);

        // Act
        CancelLoginStatus status = coordinator.TryCancel(Guid.NewGuid());

        // Assert
        status.Should().Be(CancelLoginStatus.NotFound);
        login.Completion.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task TryCancel_AfterLoginCompleted_IsNotFound()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using var coordinator = new LoginCoordinator(fixture.Logger);
        var completions = new CompletionRecorder(coordinator);
        BrowserLogin login = await coordinator.StartAsync(_ => fixture.StartBrowserAsync(), CancellationToken.None);
        using var browser = new BrowserDriver();
        await browser.SignInAsync(login.AuthUrl);
        LoginCompletion completion = await completions.WaitForAsync(login.LoginId);

        // Act
        CancelLoginStatus status = coordinator.TryCancel(login.LoginId);

        // Assert
        completion.Should().Be(new LoginCompletion(login.LoginId, true, null));
        status.Should().Be(CancelLoginStatus.NotFound);
    }

    [Fact]
    public async Task CancelActive_DeviceLoginPending_CancelsItSoItNeverSaves()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using var coordinator = new LoginCoordinator(fixture.Logger);
        var completions = new CompletionRecorder(coordinator);
        DeviceCodeLogin login = await coordinator.StartAsync(_ => fixture.StartDeviceAsync(), CancellationToken.None);

        // Act
        bool cancelled = coordinator.CancelActive();
        LoginCompletion completion = await completions.WaitForAsync(login.LoginId);
        fixture.Issuer.ApproveDeviceCode(login.UserCode, fixture.Issuer.IssueCredentials());

        // Assert
        cancelled.Should().BeTrue();
        completion.Should().Be(new LoginCompletion(login.LoginId, false, "Login was not completed"));
        coordinator.CancelActive().Should().BeFalse();
        fixture.AuthFileExists.Should().BeFalse();
    }

    [Fact]
    public async Task StartAsync_BrowserLoginPersistingThroughAuthManager_MakesTheLoginCurrent()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        AuthManager manager = CreateAuthManager(fixture);
        await using var coordinator = new LoginCoordinator(fixture.Logger);
        var completions = new CompletionRecorder(coordinator);
        BrowserLogin login = await coordinator.StartAsync(
            ct => BrowserLogin.StartAsync(fixture.Options(), fixture.Http, manager.LoginWithChatGpt, fixture.Logger, ct),
            CancellationToken.None);
        using var browser = new BrowserDriver();

        // Act
        await browser.SignInAsync(login.AuthUrl);
        LoginCompletion completion = await completions.WaitForAsync(login.LoginId);

        // Assert
        completion.Success.Should().BeTrue();
        manager.Current.IsManagedChatGpt.Should().BeTrue();
        manager.Current.Record!.Tokens!.AccountId.Should().Be("acct_123");
        fixture.ReadAuthJson().GetProperty("tokens").GetProperty("account_id").GetString().Should().Be("acct_123");
    }

    [Fact]
    public async Task StartAsync_StartFails_ReplacedLoginStaysCancelledAndNothingIsActive()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using var coordinator = new LoginCoordinator(fixture.Logger);
        DeviceCodeLogin first = await coordinator.StartAsync(_ => fixture.StartDeviceAsync(), CancellationToken.None);
        fixture.Issuer.EnqueueResponse(IssuerEndpoint.DeviceUserCode, MockResponse.Empty(404));

        // Act
        Func<Task> start = () => coordinator.StartAsync(_ => fixture.StartDeviceAsync(), CancellationToken.None);

        // Assert
        await start.Should().ThrowAsync<DeviceCodeStartException>();
        (await first.Completion.WaitAsync(LoginFixture.HangGuard)).Error.Should().Be("Login was not completed");
        coordinator.ActiveLoginId.Should().BeNull();
    }

    private static AuthManager CreateAuthManager(LoginFixture fixture)
    {
        string home = fixture.Home.Path;
        return new AuthManager(
            new AuthFileStore(home, NullLogger<AuthFileStore>.Instance),
            new TokenRefreshClient(fixture.Http, new TokenRefreshOptions { TokenEndpoint = () => fixture.Issuer.TokenEndpoint }, TimeProvider.System, NullLogger.Instance),
            new FileRefreshLock(Path.Combine(home, FileRefreshLock.FileName), TimeProvider.System, NullLogger.Instance),
            new RefreshStatusStore(home),
            TimeProvider.System,
            new AuthManagerOptions(),
            NullLogger<AuthManager>.Instance);
    }
}
