using AppServer.Auth.Storage;
using AppServer.Auth.Stores;
using AppServer.Auth.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppServer.Auth.Tests.Stores;

/// <summary>Whatever the store, what AppServer writes is private: files 0600, folders it creates 0700.</summary>
public sealed class FileModesTests : IDisposable
{
    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Save_HomeNotYetCreated_ItsFolderIs0700AndFile0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Arrange: ~/.codex does not exist before the first login.
        var home = _temp.Combine("user", ".codex");
        var store = new AuthFileStore(home, NullLogger<AuthFileStore>.Instance);

        // Act
        store.Save(AuthRecordFactory.ForApiKey("sk-x"));

        // Assert
        File.GetUnixFileMode(home).Should().Be(Mode0700);
        File.GetUnixFileMode(store.AuthFilePath).Should().Be(UnixPermissions.Mode0600);
    }

    [Fact]
    public void AutoSaveFallingBackToFile_File0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Arrange
        var home = _temp.Combine("fallback");
        var file = new AuthFileStore(home, NullLogger<AuthFileStore>.Instance);
        var keyring = new InMemoryKeyring { Failure = "no secret service" };
        var store = new AutoCredentialStore(new KeyringCredentialStore("k", keyring, file, NullLogger.Instance), file, NullLogger.Instance);

        // Act
        store.Save(AuthRecordFactory.ForApiKey("sk-x"));

        // Assert
        File.GetUnixFileMode(home).Should().Be(Mode0700);
        File.GetUnixFileMode(file.AuthFilePath).Should().Be(UnixPermissions.Mode0600);
    }
}
