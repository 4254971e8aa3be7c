using System.Security.Cryptography;
using System.Text;
using AppServer.Auth.CrossProcess;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.CrossProcess;

public sealed class RefreshStatusStoreTests : IDisposable
{
    private const string RefreshToken = "rt-SECRET-dead-0123456789";

    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly PermanentRefreshError s_exhausted = new(RefreshFailureKind.Exhausted, RefreshMessages.Exhausted);

    private readonly TempDirectory _home = new();
    private readonly RefreshStatusStore _store;

    public RefreshStatusStoreTests()
    {
        _store = new RefreshStatusStore(_home.Path);
    }

    public void Dispose() => _home.Dispose();

    [Fact]
    public void FilePath_Always_IsStatusFileBesideAuthJson()
    {
        // Assert
        _store.FilePath.Should().Be(_home.Combine("appserver-refresh-status.json"));
    }

    [Fact]
    public void Hash_AnyToken_IsLowercaseHexSha256OfUtf8()
    {
        // Act
        var hash = RefreshStatusStore.Hash(RefreshToken);

        // Assert
        hash.Should().Be(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(RefreshToken))).ToLowerInvariant());
    }

    [Fact]
    public void FindFailure_AfterRecordForSameToken_ReturnsTheError()
    {
        // Arrange
        _store.RecordFailure(RefreshToken, s_exhausted, s_now);

        // Act
        var found = _store.FindFailure(RefreshToken);

        // Assert
        found.Should().Be(s_exhausted);
    }

    [Fact]
    public void FindFailure_OtherToken_ReturnsNull()
    {
        // Arrange
        _store.RecordFailure(RefreshToken, s_exhausted, s_now);

        // Act
        var found = _store.FindFailure("rt-other");

        // Assert
        found.Should().BeNull();
    }

    [Fact]
    public void RecordFailure_Always_WritesNoTokenBytesAndMode0600()
    {
        // Act
        _store.RecordFailure(RefreshToken, s_exhausted, s_now);

        // Assert
        var text = File.ReadAllText(_store.FilePath);
        text.Should().NotContain(RefreshToken).And.NotContain("SECRET");
        text.Should().Contain(RefreshStatusStore.Hash(RefreshToken)).And.Contain("\"reason\": \"exhausted\"");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(_store.FilePath).Should().Be(UnixPermissions.Mode0600);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    public void FindFailure_DamagedFile_ReturnsNull(string content)
    {
        // Arrange
        File.WriteAllText(_store.FilePath, content);

        // Act
        var found = _store.FindFailure(RefreshToken);

        // Assert
        found.Should().BeNull();
    }

    [Fact]
    public void FindFailure_NoFile_ReturnsNull()
    {
        // Assert
        _store.FindFailure(RefreshToken).Should().BeNull();
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("42")]
    [InlineData("-1")]
    public void FindFailure_UnknownReason_IsOtherWithTheContractMessage(string reason)
    {
        // Arrange
        WriteRecord(reason, "whatever the file says");

        // Act
        var found = _store.FindFailure(RefreshToken);

        // Assert
        found.Should().Be(new PermanentRefreshError(RefreshFailureKind.Other, RefreshMessages.Other));
    }

    [Fact]
    public void FindFailure_KnownReasonWithEditedMessage_ReturnsTheContractMessage()
    {
        // Clients match on the exact messages (docs/codex-compatibility.md §3.3); the file only names the reason.
        // Arrange
        WriteRecord("revoked", "edited text");

        // Act
        var found = _store.FindFailure(RefreshToken);

        // Assert
        found.Should().Be(new PermanentRefreshError(RefreshFailureKind.Revoked, RefreshMessages.Revoked));
    }

    [Fact]
    public void FindFailure_RecordWithoutMessage_ReturnsTheContractMessage()
    {
        // Arrange
        File.WriteAllText(_store.FilePath, $$"""
            {"refresh_token_sha256":"{{RefreshStatusStore.Hash(RefreshToken)}}","reason":"expired"}
            """);

        // Act
        var found = _store.FindFailure(RefreshToken);

        // Assert
        found.Should().Be(new PermanentRefreshError(RefreshFailureKind.Expired, RefreshMessages.Expired));
    }

    [Fact]
    public void RemoveUnlessFor_SameToken_KeepsTheRecord()
    {
        // Arrange
        _store.RecordFailure(RefreshToken, s_exhausted, s_now);

        // Act
        _store.RemoveUnlessFor(RefreshToken);

        // Assert
        File.Exists(_store.FilePath).Should().BeTrue();
    }

    [Theory]
    [InlineData("rt-other")]
    [InlineData(null)]
    public void RemoveUnlessFor_OtherOrNoToken_DeletesTheRecord(string? current)
    {
        // Arrange
        _store.RecordFailure(RefreshToken, s_exhausted, s_now);

        // Act
        _store.RemoveUnlessFor(current);

        // Assert
        File.Exists(_store.FilePath).Should().BeFalse();
    }

    [Fact]
    public void RemoveUnlessFor_NoFile_DoesNothing()
    {
        // Act
        var act = () => _store.RemoveUnlessFor(null);

        // Assert
        act.Should().NotThrow();
        _home.ListNames().Should().BeEmpty();
    }

    private void WriteRecord(string reason, string message) => File.WriteAllText(_store.FilePath, $$"""
        {"refresh_token_sha256":"{{RefreshStatusStore.Hash(RefreshToken)}}","reason":"{{reason}}","message":"{{message}}","recorded_at":"2026-03-01T12:00:00Z"}
        """);
}
