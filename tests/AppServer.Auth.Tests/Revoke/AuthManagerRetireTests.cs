using AppServer.Auth.Revoke;
using AppServer.Auth.Tests.Manager.Support;

namespace AppServer.Auth.Tests.Revoke;

/// <summary>Which local changes retire managed ChatGPT tokens (and so ask for a revoke), and which do not.</summary>
public sealed class AuthManagerRetireTests
{
    [Fact]
    public async Task Logout_ManagedChatGpt_RetiresTheRefreshTokenOnceAfterTheFileIsGone()
    {
        // Arrange
        await using var harness = await ManagerHarness.StartAsync();
        var seeded = harness.SeedAuth();
        var manager = harness.CreateManager();
        var retired = new List<(RevocableToken Token, bool FileExisted)>();
        manager.TokensRetired += token => retired.Add((token, File.Exists(harness.AuthFilePath)));

        // Act
        manager.Logout();

        // Assert
        retired.Should().ContainSingle().Which.Should().Be((new RevocableToken(seeded.Tokens!.RefreshToken, "refresh_token"), false));
    }

    [Fact]
    public async Task LoginWithApiKey_OverManagedChatGpt_RetiresTheOldRefreshToken()
    {
        await using var harness = await ManagerHarness.StartAsync();
        var seeded = harness.SeedAuth();
        var manager = harness.CreateManager();
        var retired = new List<RevocableToken>();
        manager.TokensRetired += retired.Add;

        manager.LoginWithApiKey("sk-new");

        retired.Should().ContainSingle().Which.Token.Should().Be(seeded.Tokens!.RefreshToken);
    }

    [Fact]
    public async Task LoginWithChatGpt_NewGrantOverManagedChatGpt_RetiresTheOldRefreshToken()
    {
        await using var harness = await ManagerHarness.StartAsync();
        var seeded = harness.SeedAuth();
        var manager = harness.CreateManager();
        var retired = new List<RevocableToken>();
        manager.TokensRetired += retired.Add;

        manager.LoginWithChatGpt(ManagerHarness.RecordFor(harness.Issue(), harness.Clock.GetUtcNow()));

        retired.Should().ContainSingle().Which.Token.Should().Be(seeded.Tokens!.RefreshToken);
    }

    [Fact]
    public async Task LogoutAndLogin_NoManagedChatGptBefore_RetireNothing()
    {
        await using var harness = await ManagerHarness.StartAsync();
        var manager = harness.CreateManager();
        var retired = new List<RevocableToken>();
        manager.TokensRetired += retired.Add;

        manager.Logout();
        manager.LoginWithApiKey("sk-one");
        manager.LoginWithApiKey("sk-two");
        manager.Logout();

        retired.Should().BeEmpty();
    }

    [Fact]
    public async Task ReloadFromDisk_AnotherProcessLoggedOut_RetiresNothing()
    {
        // The process that changed the file revokes; a reader revoking too would double the call.
        await using var harness = await ManagerHarness.StartAsync();
        harness.SeedAuth();
        var manager = harness.CreateManager();
        _ = manager.Current;
        var retired = new List<RevocableToken>();
        manager.TokensRetired += retired.Add;

        File.Delete(harness.AuthFilePath);
        manager.ReloadFromDisk();

        manager.Current.IsNone.Should().BeTrue();
        retired.Should().BeEmpty();
    }
}
