using AppServer.Auth.Manager;
using AppServer.Auth.Tests.Manager.Support;

namespace AppServer.Auth.Tests.Manager;

/// <summary>
/// A corrupt auth.json is never overwritten silently: every save path that can meet one (a refresh
/// cannot: a corrupt file means not logged in) keeps its bytes in <c>auth.json.corrupt-*</c> first.
/// </summary>
public sealed class AuthManagerCorruptFileLoginTests : IAsyncLifetime
{
    private static readonly byte[] s_corrupt = "{\"tokens\": {\"access_token\": \"half-writ"u8.ToArray();

    private ManagerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ManagerHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public void LoginWithApiKey_OverCorruptFile_KeepsItsBytes()
    {
        // Arrange
        File.WriteAllBytes(_harness.AuthFilePath, s_corrupt);
        var manager = _harness.CreateManager();

        // Act
        manager.LoginWithApiKey("sk-new");

        // Assert
        KeptCopies().Should().ContainSingle().Which.Should().Equal(s_corrupt);
        manager.Current.Record!.ApiKey.Should().Be("sk-new");
    }

    [Fact]
    public void LoginWithChatGpt_OverCorruptFile_KeepsItsBytes()
    {
        // Arrange
        File.WriteAllBytes(_harness.AuthFilePath, s_corrupt);
        var manager = _harness.CreateManager();
        var record = ManagerHarness.RecordFor(_harness.Issue(), _harness.Clock.GetUtcNow());

        // Act
        manager.LoginWithChatGpt(record);

        // Assert
        KeptCopies().Should().ContainSingle().Which.Should().Equal(s_corrupt);
        _harness.ReadAuth().Should().Be(record);
    }

    [Fact]
    public async Task RefreshAsync_OverCorruptFile_IsNotLoggedInAndWritesNothing()
    {
        // Arrange
        File.WriteAllBytes(_harness.AuthFilePath, s_corrupt);
        var manager = _harness.CreateManager();

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.NotNeeded);
        _harness.ReadAuthBytes().Should().Equal(s_corrupt);
        KeptCopies().Should().BeEmpty();
        _harness.Posts.Should().Be(0);
    }

    private List<byte[]> KeptCopies() =>
        [.. Directory.EnumerateFiles(_harness.Home, "auth.json.corrupt-*").Select(File.ReadAllBytes)];
}
