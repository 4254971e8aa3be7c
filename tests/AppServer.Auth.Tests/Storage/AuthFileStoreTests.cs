using System.Runtime.Versioning;
using AppServer.Auth.CrossProcess;
using AppServer.Auth.Storage;
using AppServer.Auth.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Tests.Storage;

public sealed class AuthFileStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CapturingLogger<AuthFileStore> _logger = new();
    private readonly AuthFileStore _store;

    public AuthFileStoreTests()
    {
        _store = new AuthFileStore(_temp.Path, _logger);
    }

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, byte[], string> CorruptFiles() => CorruptAuthFiles.All();

    [Fact]
    public void AuthFilePath_IsAuthJsonInCodexHome()
    {
        // Assert
        _store.AuthFilePath.Should().Be(Path.Combine(_temp.Path, "auth.json"));
    }

    [Fact]
    public void Load_NoFile_ReturnsMissing()
    {
        // Act
        AuthLoadResult result = _store.Load();

        // Assert
        result.Should().BeOfType<AuthLoadResult.Missing>();
        _logger.Entries.Should().BeEmpty();
    }

    [Fact]
    public void Load_CodexHomeDoesNotExist_ReturnsMissing()
    {
        // Arrange
        var store = new AuthFileStore(_temp.Combine("no", "such", "home"), _logger);

        // Act
        AuthLoadResult result = store.Load();

        // Assert
        result.Should().BeOfType<AuthLoadResult.Missing>();
    }

    [Fact]
    public void Save_ThenLoad_RoundTripsTheRecord()
    {
        // Arrange
        AuthRecord record = AuthFiles.TypicalChatGptRecord();

        // Act
        _store.Save(record);
        AuthLoadResult result = _store.Load();

        // Assert
        result.Should().Be(new AuthLoadResult.Loaded(record));
        File.ReadAllText(_store.AuthFilePath).Should().Be(AuthFiles.TypicalChatGpt.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Save_MissingCodexHome_CreatesIt()
    {
        // Arrange
        var store = new AuthFileStore(_temp.Combine("new-home"), _logger);

        // Act
        store.Save(AuthRecordFactory.ForApiKey("sk-test"));

        // Assert
        store.Load().Should().Be(new AuthLoadResult.Loaded(AuthRecordFactory.ForApiKey("sk-test")));
    }

    [Fact]
    public void Save_Repeatedly_LeavesNoTempFilesBehind()
    {
        // Act
        for (int i = 0; i < 5; i++)
        {
            _store.Save(AuthRecordFactory.ForApiKey($"sk-test-{i}"));
        }

        // Assert
        _temp.ListNames().Except([CodexWriteLocks.AuthLockName, CodexWriteLocks.AuthJsonLockName]).Should().Equal("auth.json");
    }

    [Fact]
    public void Save_OverWorldReadableFile_ResultIs0600()
    {
        // Arrange (DISK-07)
        File.WriteAllText(_store.AuthFilePath, AuthFiles.TypicalChatGpt);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_store.AuthFilePath, UnixPermissions.Mode0644);
        }

        // Act
        _store.Save(AuthRecordFactory.ForApiKey("sk-test"));

        // Assert
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(_store.AuthFilePath).Should().Be(UnixPermissions.Mode0600);
        }

        _store.Load().Should().Be(new AuthLoadResult.Loaded(AuthRecordFactory.ForApiKey("sk-test")));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Save_ReadOnlyCodexHome_ThrowsAndKeepsOldFileWithoutTempFiles()
    {
        // Arrange (DISK-05)
        _store.Save(AuthFiles.TypicalChatGptRecord());
        byte[] before = File.ReadAllBytes(_store.AuthFilePath);
        File.SetUnixFileMode(_temp.Path, UnixPermissions.Mode0555);

        // Act
        Exception? thrown = null;
        UnprivilegedFileAccess.Run(() => thrown = Record.Exception(() => _store.Save(AuthRecordFactory.ForApiKey("sk-new"))));

        // Assert
        thrown.Should().BeOfType<UnauthorizedAccessException>();
        File.ReadAllBytes(_store.AuthFilePath).Should().Equal(before);
        _temp.ListNames().Except([CodexWriteLocks.AuthLockName, CodexWriteLocks.AuthJsonLockName]).Should().Equal("auth.json");
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Load_UnreadableFile_ReturnsCorruptPermissionDenied()
    {
        // Arrange
        _store.Save(AuthFiles.TypicalChatGptRecord());

        // Act
        AuthLoadResult? result = null;
        UnprivilegedFileAccess.Run(() => result = _store.Load());

        // Assert
        result.Should().Be(new AuthLoadResult.Corrupt("permission denied"));
    }

    [Fact]
    public void Load_DirectoryNamedAuthJson_ReturnsCorrupt()
    {
        // Arrange (CORRUPT-12)
        Directory.CreateDirectory(_store.AuthFilePath);

        // Act
        AuthLoadResult result = _store.Load();

        // Assert
        result.Should().Be(new AuthLoadResult.Corrupt("auth.json is a directory"));
        Directory.Exists(_store.AuthFilePath).Should().BeTrue();
        _logger.Entries.Should().ContainSingle();
    }

    [Fact]
    public void Load_OversizedFile_ReturnsCorruptWithoutParsing()
    {
        // Arrange
        File.WriteAllBytes(_store.AuthFilePath, new byte[AuthFileStore.MaxFileBytes + 1]);

        // Act
        AuthLoadResult result = _store.Load();

        // Assert
        result.Should().BeOfType<AuthLoadResult.Corrupt>()
            .Which.Reason.Should().Be("file is larger than 1048576 bytes");
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Load_CorruptFile_ReturnsCorruptWithReasonAndNeverTouchesTheFile(string caseId, byte[] content, string expectedReason)
    {
        // Arrange
        File.WriteAllBytes(_store.AuthFilePath, content);
        DateTime writtenAt = File.GetLastWriteTimeUtc(_store.AuthFilePath);

        // Act
        AuthLoadResult first = _store.Load();
        AuthLoadResult second = _store.Load();

        // Assert
        first.Should().Be(new AuthLoadResult.Corrupt(expectedReason), caseId);
        second.Should().Be(first);
        File.ReadAllBytes(_store.AuthFilePath).Should().Equal(content);
        File.GetLastWriteTimeUtc(_store.AuthFilePath).Should().Be(writtenAt);
        _temp.ListNames().Except([CodexWriteLocks.AuthLockName, CodexWriteLocks.AuthJsonLockName]).Should().Equal("auth.json");
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Load_CorruptFile_LogsOneWarningWithPathAndReasonButNoSecrets(string caseId, byte[] content, string expectedReason)
    {
        // Arrange
        File.WriteAllBytes(_store.AuthFilePath, content);

        // Act
        for (int i = 0; i < 3; i++)
        {
            _store.Load();
        }

        // Assert
        LogEntry entry = _logger.Entries.Should().ContainSingle(caseId).Subject;
        entry.Level.Should().Be(LogLevel.Warning);
        entry.Message.Should().Contain(_store.AuthFilePath).And.Contain(expectedReason);
        entry.Message.Should().NotContain(AuthFiles.SecretMarker);
    }

    [Fact]
    public void Load_CorruptStateChanges_LogsAgainForEachNewState()
    {
        // Arrange
        File.WriteAllText(_store.AuthFilePath, "not json");
        _store.Load();
        _store.Load();

        // Act: a different reason, then the same reason with a different length.
        File.WriteAllText(_store.AuthFilePath, "   ");
        _store.Load();
        File.WriteAllText(_store.AuthFilePath, "      ");
        _store.Load();
        _store.Load();

        // Assert
        _logger.Entries.Select(e => e.Message).Should().HaveCount(3)
            .And.SatisfyRespectively(
                first => first.Should().Contain("invalid JSON"),
                second => second.Should().Contain("whitespace"),
                third => third.Should().Contain("whitespace"));
    }

    [Fact]
    public void Load_SameCorruptionAfterTheFileWasFixed_LogsAgain()
    {
        // Arrange
        File.WriteAllText(_store.AuthFilePath, "{");
        _store.Load();
        _store.Save(AuthRecordFactory.ForApiKey("sk-test"));
        _store.Load().Should().BeOfType<AuthLoadResult.Loaded>();

        // Act
        File.WriteAllText(_store.AuthFilePath, "{");
        _store.Load();

        // Assert: two reports of the corruption (the copy kept before the save is a separate event).
        _logger.Entries.Where(e => e.EventId.Name == "CorruptFile").Should().HaveCount(2);
    }

    [Fact]
    public void Save_OverCorruptFile_ReplacesIt()
    {
        // Arrange: recovery is an explicit save (a new login), never a side effect of loading.
        File.WriteAllText(_store.AuthFilePath, "{");
        _store.Load().Should().BeOfType<AuthLoadResult.Corrupt>();

        // Act
        _store.Save(AuthRecordFactory.ForApiKey("sk-test"));

        // Assert
        _store.Load().Should().BeOfType<AuthLoadResult.Loaded>();
    }

    [Fact]
    public void Delete_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        // Arrange
        _store.Save(AuthRecordFactory.ForApiKey("sk-test"));

        // Act
        bool first = _store.Delete();
        bool second = _store.Delete();

        // Assert
        first.Should().BeTrue();
        second.Should().BeFalse();
        File.Exists(_store.AuthFilePath).Should().BeFalse();
        _store.Load().Should().BeOfType<AuthLoadResult.Missing>();
    }

    [Fact]
    public void Delete_CorruptFile_RemovesIt()
    {
        // Arrange
        File.WriteAllText(_store.AuthFilePath, "{");

        // Act
        bool deleted = _store.Delete();

        // Assert
        deleted.Should().BeTrue();
        File.Exists(_store.AuthFilePath).Should().BeFalse();
    }
}
