using System.Text;
using AppServer.Auth.Keyring;
using AppServer.Auth.Storage;
using AppServer.Auth.Stores;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Stores;

public sealed class KeyringCredentialStoreTests : IDisposable
{
    private const string Key = "0123456789abcdef";
    private static readonly (string, string) s_entry = ("Codex Auth", "cli|" + Key);

    private readonly TempDirectory _home = new();
    private readonly InMemoryKeyring _keyring = new();
    private readonly CapturingLogger<KeyringCredentialStore> _logger = new();
    private readonly AuthFileStore _file;
    private readonly KeyringCredentialStore _store;

    public KeyringCredentialStoreTests()
    {
        _file = new AuthFileStore(_home.Path, new CapturingLogger<AuthFileStore>());
        _store = new KeyringCredentialStore(Key, _keyring, _file, _logger);
    }

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Save_ChatGptRecord_EntryIsCompactAuthJsonUnderCodexServiceAndAccount()
    {
        // Act
        _store.Save(AuthFiles.TypicalChatGptRecord());

        // Assert
        var secret = _keyring.Entries[s_entry];
        secret.Should().Be(Encoding.UTF8.GetString(AuthJsonCodec.SerializeCompact(AuthFiles.TypicalChatGptRecord())));
        secret.Should().StartWith("{\"auth_mode\":\"chatgpt\",\"OPENAI_API_KEY\":null,\"tokens\":{").And.NotContain("\n");
    }

    [Fact]
    public void Save_ApiKey_ExactlyWhatCodexWrites()
    {
        // Act
        _store.Save(AuthRecordFactory.ForApiKey("sk-test-123"));

        // Assert: the bytes Codex 0.169 stored for `codex login --with-api-key`.
        _keyring.Entries[s_entry].Should().Be("{\"auth_mode\":\"apikey\",\"OPENAI_API_KEY\":\"sk-test-123\"}");
    }

    [Fact]
    public void Save_AuthJsonPresent_WritesEntryThenRemovesTheFile()
    {
        // Arrange
        _file.Save(AuthRecordFactory.ForApiKey("sk-old"));

        // Act
        _store.Save(AuthRecordFactory.ForApiKey("sk-new"));

        // Assert
        File.Exists(_file.AuthFilePath).Should().BeFalse();
        _store.Load().Should().BeOfType<AuthLoadResult.Loaded>().Which.Record.ApiKey.Should().Be("sk-new");
    }

    [Fact]
    public void Load_EntryWrittenByCodex_Loaded()
    {
        // Arrange
        _keyring.Write("Codex Auth", "cli|" + Key, "{\"auth_mode\":\"apikey\",\"OPENAI_API_KEY\":\"sk-codex\"}");

        // Act
        var result = _store.Load();

        // Assert
        result.Should().BeOfType<AuthLoadResult.Loaded>().Which.Record.ApiKey.Should().Be("sk-codex");
    }

    [Fact]
    public void Load_NoEntry_MissingEvenWithAuthJsonPresent()
    {
        // Arrange: keyring mode never reads the file.
        _file.Save(AuthRecordFactory.ForApiKey("sk-file"));

        // Act + Assert
        _store.Load().Should().BeOfType<AuthLoadResult.Missing>();
    }

    [Fact]
    public void Load_KeyringFails_CorruptWithCodexWordingReportedOnce()
    {
        // Arrange
        _keyring.Failure = "collection is locked";

        // Act
        var first = _store.Load();
        var second = _store.Load();

        // Assert
        first.Should().BeOfType<AuthLoadResult.Corrupt>().Which.Reason.Should().Be("failed to load CLI auth from keyring: collection is locked");
        second.Should().Be(first);
        _logger.Entries.Should().ContainSingle();
    }

    [Fact]
    public void Load_EntryNotARecord_CorruptWithoutContent()
    {
        // Arrange
        _keyring.Write("Codex Auth", "cli|" + Key, "not json SECRET");

        // Act
        var result = _store.Load();

        // Assert
        result.Should().BeOfType<AuthLoadResult.Corrupt>().Which.Reason.Should().NotContain(AuthFiles.SecretMarker);
    }

    [Fact]
    public void Save_NoKeyring_FailsAtOnceWithCodexMessageAndWritesNoFile()
    {
        // Arrange
        var store = new KeyringCredentialStore(Key, MissingKeyring.Instance, _file, _logger);

        // Act
        var save = () => store.Save(AuthRecordFactory.ForApiKey("sk-x"));

        // Assert
        save.Should().Throw<KeyringException>().Which.Message.Should().Be(
            "failed to write OAuth tokens to keyring: Platform secure storage failure: no secret service provider or dbus session found");
        File.Exists(_file.AuthFilePath).Should().BeFalse();
    }

    [Fact]
    public void PrepareSave_KeyringFails_ThrowsBeforeAnythingIsSpent()
    {
        // Arrange
        _keyring.Failure = "timed out";

        // Act
        var prepare = () => ((ICredentialStore)_store).PrepareSave();

        // Assert
        prepare.Should().Throw<KeyringException>().Which.Message.Should().Contain("timed out");
        _keyring.Writes.Should().Be(0);
    }

    [Fact]
    public void PrepareSave_KeyringAnswers_CommitWritesTheEntry()
    {
        // Act
        using (var pending = ((ICredentialStore)_store).PrepareSave())
        {
            pending.Commit(AuthRecordFactory.ForApiKey("sk-committed"));
        }

        // Assert
        _store.Load().Should().BeOfType<AuthLoadResult.Loaded>().Which.Record.ApiKey.Should().Be("sk-committed");
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
        _store.Delete().Should().BeFalse();
    }

    [Fact]
    public void Delete_KeyringFails_FileRemovedAndErrorNamesTheCause()
    {
        // Arrange
        _file.Save(AuthRecordFactory.ForApiKey("sk-file"));
        _keyring.Failure = "no secret service";

        // Act
        var delete = () => _store.Delete();

        // Assert
        delete.Should().Throw<KeyringException>().Which.Message.Should().Be("failed to delete auth from keyring: no secret service");
        File.Exists(_file.AuthFilePath).Should().BeFalse();
    }
}
