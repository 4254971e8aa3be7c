using AppServer.Auth.Storage;
using AppServer.Auth.Stores;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Stores;

public sealed class EphemeralCredentialStoreTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Save_ThenLoadFromAnotherInstanceOnTheSameHome_SharedProcessWideAndNothingOnDisk()
    {
        // Arrange
        var key = StoreKey.For(_home.Path);
        var writer = new EphemeralCredentialStore(key);
        var reader = new EphemeralCredentialStore(key);

        // Act
        writer.Save(AuthRecordFactory.ForApiKey("sk-memory"));

        // Assert
        reader.Load().Should().BeOfType<AuthLoadResult.Loaded>().Which.Record.ApiKey.Should().Be("sk-memory");
        _home.ListNames().Should().BeEmpty();
        reader.Delete().Should().BeTrue();
        writer.Load().Should().BeOfType<AuthLoadResult.Missing>();
    }

    [Fact]
    public void Load_OtherHome_DoesNotSeeTheEntry()
    {
        // Arrange
        using var other = new TempDirectory();
        new EphemeralCredentialStore(StoreKey.For(_home.Path)).Save(AuthRecordFactory.ForApiKey("sk-a"));

        // Act + Assert
        new EphemeralCredentialStore(StoreKey.For(other.Path)).Load().Should().BeOfType<AuthLoadResult.Missing>();
        new EphemeralCredentialStore(StoreKey.For(_home.Path)).Delete().Should().BeTrue();
    }
}
