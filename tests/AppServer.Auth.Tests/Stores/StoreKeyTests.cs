using AppServer.Auth.Stores;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Stores;

public sealed class StoreKeyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Hash_KnownPath_FirstSixteenHexOfSha256()
    {
        // The vector is sha256("/tmp/cx1/home")[:16], computed independently; Codex 0.169 filed a
        // real keyring entry for that home under account cli|e550c256e0e2a75f.
        StoreKey.Hash("/tmp/cx1/home").Should().Be("e550c256e0e2a75f");
    }

    [Fact]
    public void For_MissingDirectory_HashesTheRawPath()
    {
        // Arrange
        var missing = _temp.Combine("not", "there");

        // Act + Assert
        StoreKey.For(missing).Should().Be(StoreKey.Hash(missing));
    }

    [Fact]
    public void For_TrailingSeparator_SameKeyAsWithout()
    {
        StoreKey.For(_temp.Path + Path.DirectorySeparatorChar).Should().Be(StoreKey.For(_temp.Path));
    }

    [Fact]
    public void For_PathThroughSymlinkedParent_KeyOfTheRealPath()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Arrange: link/home reaches real/home through a link in a parent component, which
        // resolving the last component alone would miss.
        var real = Directory.CreateDirectory(_temp.Combine("real", "home")).FullName;
        Directory.CreateSymbolicLink(_temp.Combine("link"), _temp.Combine("real"));
        Directory.CreateSymbolicLink(_temp.Combine("relative"), "link");

        // Act + Assert
        StoreKey.Canonicalize(_temp.Combine("link", "home")).Should().Be(StoreKey.Canonicalize(real));
        StoreKey.For(_temp.Combine("relative", "home")).Should().Be(StoreKey.For(real));
        StoreKey.For(_temp.Combine("link", "home")).Should().NotBe(StoreKey.Hash(_temp.Combine("link", "home")));
    }

    [Fact]
    public void Canonicalize_LinkCycle_Null()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Arrange
        Directory.CreateSymbolicLink(_temp.Combine("a"), _temp.Combine("b"));
        Directory.CreateSymbolicLink(_temp.Combine("b"), _temp.Combine("a"));

        // Act + Assert
        StoreKey.Canonicalize(_temp.Combine("a")).Should().BeNull();
    }
}
