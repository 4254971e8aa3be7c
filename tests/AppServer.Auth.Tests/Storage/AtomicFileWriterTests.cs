using AppServer.Auth.Storage;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Storage;

public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Write_MissingParentDirectories_CreatesThemAndTheFile()
    {
        // Arrange
        string path = _temp.Combine("a", "b", "auth.json");

        // Act
        AtomicFileWriter.Write(path, "{}"u8);

        // Assert
        File.ReadAllBytes(path).Should().Equal("{}"u8.ToArray());
        _temp.ListNames(_temp.Combine("a", "b")).Should().Equal("auth.json");
    }

    [Fact]
    public void Write_ExistingFile_ReplacesContentCompletely()
    {
        // Arrange
        string path = _temp.Combine("auth.json");
        File.WriteAllText(path, "a much longer previous content than the new one");

        // Act
        AtomicFileWriter.Write(path, "new"u8);

        // Assert
        File.ReadAllText(path).Should().Be("new");
        _temp.ListNames().Should().Equal("auth.json");
    }

    [Fact]
    public void Write_ExistingWorldReadableFile_ResultIs0600()
    {
        // Arrange (DISK-07)
        string path = _temp.Combine("auth.json");
        File.WriteAllText(path, "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixPermissions.Mode0644);
        }

        // Act
        AtomicFileWriter.Write(path, "new"u8);

        // Assert
        File.ReadAllText(path).Should().Be("new");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(UnixPermissions.Mode0600);
        }
    }

    [Fact]
    public void Write_TargetIsADirectory_ThrowsAndRemovesItsTempFile()
    {
        // Arrange: the rename is the step that fails, after the temp file was written.
        string path = _temp.Combine("auth.json");
        Directory.CreateDirectory(Path.Combine(path, "child"));

        // Act
        Action write = () => AtomicFileWriter.Write(path, "{}"u8);

        // Assert
        write.Should().Throw<Exception>().Which.Should().Match<Exception>(ex => ex is IOException || ex is UnauthorizedAccessException);
        _temp.ListNames().Should().Equal("auth.json");
        Directory.Exists(path).Should().BeTrue();
    }

    [Fact]
    public void Write_ForeignTempFilePresent_IsLeftAlone()
    {
        // Arrange: another writer's temp file, mid-flight (DISK-03: cleanup never touches it).
        string path = _temp.Combine("auth.json");
        string foreign = _temp.Combine(".auth.json.1.0000000000000000.tmp");
        File.WriteAllText(foreign, "theirs");

        // Act
        AtomicFileWriter.Write(path, "mine"u8);

        // Assert
        File.ReadAllText(foreign).Should().Be("theirs");
        File.ReadAllText(path).Should().Be("mine");
    }
}
