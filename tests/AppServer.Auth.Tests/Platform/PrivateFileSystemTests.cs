using AppServer.Auth.Platform;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Platform;

public sealed class PrivateFileSystemTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CreateNew_UnderAPermissiveUmask_IsOwnerReadWriteOnly()
    {
        var path = _dir.Combine("secret");

        using (var stream = PrivateFileSystem.CreateNew(path))
        {
            stream.Write("x"u8);
        }

        if (OperatingSystem.IsWindows())
        {
            OwnerOnlyAcl.Of(new FileInfo(path).GetAccessControl()).Should().BeTrue();
        }
        else
        {
            File.GetUnixFileMode(path).Should().Be(UnixPermissions.Mode0600);
        }
    }

    [Fact]
    public void CreateNew_FileExists_ThrowsAndLeavesItUntouched()
    {
        var path = _dir.Combine("taken");
        File.WriteAllText(path, "someone else's");

        var act = () => PrivateFileSystem.CreateNew(path);

        act.Should().Throw<IOException>();
        File.ReadAllText(path).Should().Be("someone else's");
    }

    [Fact]
    public void CreateDirectory_Missing_CreatesItOwnerOnly()
    {
        var path = _dir.Combine("secrets");

        PrivateFileSystem.CreateDirectory(path);

        if (OperatingSystem.IsWindows())
        {
            OwnerOnlyAcl.Of(new DirectoryInfo(path).GetAccessControl()).Should().BeTrue();
        }
        else
        {
            File.GetUnixFileMode(path).Should().Be(PrivateFileSystem.OwnerAll);
        }
    }

    [Fact]
    public void CreateDirectory_Existing_KeepsItsMode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = _dir.Combine("shared");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixPermissions.Mode0755);

        PrivateFileSystem.CreateDirectory(path);

        File.GetUnixFileMode(path).Should().Be(UnixPermissions.Mode0755, "a folder the user made is theirs to keep as it is");
    }
}
