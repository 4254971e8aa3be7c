using AppServer.Auth.Storage;
using AppServer.Auth.Stores;
using AppServer.Auth.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppServer.Auth.Tests.Stores;

public sealed class AutoCredentialStoreTests : IDisposable
{
    private const string Key = "0123456789abcdef";

    private readonly TempDirectory _home = new();
    private readonly InMemoryKeyring _keyring = new();
    private readonly CapturingLogger<AutoCredentialStore> _logger = new();
    private readonly AuthFileStore _file;
    private readonly KeyringCredentialStore _direct;
    private readonly AutoCredentialStore _store;

    public AutoCredentialStoreTests()
    {
        _file = new AuthFileStore(_home.Path, new CapturingLogger<AuthFileStore>());
        _direct = new KeyringCredentialStore(Key, _keyring, _file, NullLogger<KeyringCredentialStore>.Instance);
        _store = new AutoCredentialStore(_direct, _file, _logger);
    }

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Load_EntryAndFile_KeyringWins()
    {
        // Arrange
        _file.Save(AuthRecordFactory.ForApiKey("sk-file"));
        _keyring.Write("Codex Auth", "cli|" + Key, "{\"auth_mode\":\"apikey\",\"OPENAI_API_KEY\":\"sk-keyring\"}");

        // Act
        var result = _store.Load();

        // Assert
        result.Should().BeOfType<AuthLoadResult.Loaded>().Which.Record.ApiKey.Should().Be("sk-keyring");
        _store.FoundIn.Should().Be("the test keyring");
    }

    [Fact]
    public void Load_NothingInKeyring_ReadsAuthJsonWithoutWarning()
    {
        // Arrange
        _file.Save(AuthRecordFactory.ForApiKey("sk-file"));

        // Act
        var result = _store.Load();

        // Assert
        result.Should().BeOfType<AuthLoadResult.Loaded>().Which.Record.ApiKey.Should().Be("sk-file");
        _store.FoundIn.Should().Be(_file.AuthFilePath);
        _logger.Entries.Should().BeEmpty();
    }

    [Fact]
    public void Load_KeyringFails_WarnsOnceAndReadsAuthJson()
    {
        // Arrange
        _file.Save(AuthRecordFactory.ForApiKey("sk-file"));
        _keyring.Failure = "collection is locked";

        // Act
        var first = _store.Load();
        var second = _store.Load();

        // Assert
        first.Should().BeOfType<AuthLoadResult.Loaded>().Which.Record.ApiKey.Should().Be("sk-file");
        second.Should().BeOfType<AuthLoadResult.Loaded>();
        var warning = _logger.Entries.Should().ContainSingle().Subject;
        warning.Level.Should().Be(LogLevel.Warning);
        warning.Message.Should().Contain("falling back to auth.json").And.Contain("collection is locked");
    }

    [Fact]
    public void Load_KeyringFailsAndNoAuthJson_IsUnreachableRatherThanLoggedOut()
    {
        // Arrange
        _keyring.Failure = "the Secret Service did not answer within 5 s";

        // Act
        var result = _store.Load();

        // Assert: unknown, so a running server keeps what it holds instead of announcing a logout.
        result.Should().BeOfType<AuthLoadResult.Corrupt>().Which.Unreachable.Should().BeTrue();
    }

    [Fact]
    public void Load_EntryIsGarbage_IsCorruptButNotUnreachable()
    {
        // Arrange
        _keyring.Write("Codex Auth", "cli|" + Key, "not json");

        // Act
        var result = _direct.Load();

        // Assert
        result.Should().BeOfType<AuthLoadResult.Corrupt>().Which.Unreachable.Should().BeFalse();
    }

    [Fact]
    public void Save_KeyringWorks_EntryWrittenAndNoFile()
    {
        // Arrange
        _file.Save(AuthRecordFactory.ForApiKey("sk-old"));

        // Act
        _store.Save(AuthRecordFactory.ForApiKey("sk-new"));

        // Assert
        _keyring.Entries.Should().ContainSingle().Which.Value.Should().Contain("sk-new");
        File.Exists(_file.AuthFilePath).Should().BeFalse();
    }

    [Fact]
    public void Save_KeyringFails_WarnsAndWritesAuthJson()
    {
        // Arrange
        _keyring.Failure = "no secret service";

        // Act
        _store.Save(AuthRecordFactory.ForApiKey("sk-fallback"));

        // Assert
        _file.Load().Should().BeOfType<AuthLoadResult.Loaded>().Which.Record.ApiKey.Should().Be("sk-fallback");
        _logger.Entries.Should().ContainSingle().Which.Message.Should().Contain("falling back to auth.json");
        _store.Load().Should().BeOfType<AuthLoadResult.Loaded>().Which.Record.ApiKey.Should().Be("sk-fallback");
    }

    [Fact]
    public void PrepareSave_KeyringFails_FileTakesTheCommit()
    {
        // Arrange
        _keyring.Failure = "timed out";

        // Act
        using (var pending = ((ICredentialStore)_store).PrepareSave())
        {
            pending.Commit(AuthRecordFactory.ForApiKey("sk-prepared"));
        }

        // Assert
        _file.Load().Should().BeOfType<AuthLoadResult.Loaded>().Which.Record.ApiKey.Should().Be("sk-prepared");
    }

    [Fact]
    public void PrepareSave_KeyringFailsAtCommit_FileTakesTheRecord()
    {
        // Arrange
        var pending = ((ICredentialStore)_store).PrepareSave();
        _keyring.Failure = "went away";

        // Act
        pending.Commit(AuthRecordFactory.ForApiKey("sk-late"));
        pending.Dispose();

        // Assert
        _file.Load().Should().BeOfType<AuthLoadResult.Loaded>().Which.Record.ApiKey.Should().Be("sk-late");
    }

    [Fact]
    public void Delete_EntryAndFile_BothRemoved()
    {
        // Arrange
        _store.Save(AuthRecordFactory.ForApiKey("sk-entry"));
        _file.Save(AuthRecordFactory.ForApiKey("sk-file"));

        // Act
        var existed = _store.Delete();

        // Assert
        existed.Should().BeTrue();
        _keyring.Entries.Should().BeEmpty();
        File.Exists(_file.AuthFilePath).Should().BeFalse();
        _store.Load().Should().BeOfType<AuthLoadResult.Missing>();
    }
}
