using System.Net.Sockets;
using System.Runtime.Versioning;
using AppServer.Auth.CrossProcess;
using AppServer.Auth.Storage;
using AppServer.Auth.Tests.TestSupport;
using AppServer.Testing;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Tests.Storage;

/// <summary>
/// The file store under real faults: a FIFO or socket as auth.json, a full or read-only file system
/// (a real tmpfs), leftovers of killed writers, symlinked files, corrupt files replaced by a save.
/// </summary>
[Trait("Requires", "Linux")]
[UnsupportedOSPlatform("windows")]
public sealed class AuthFileStoreFaultTests : IDisposable
{
    private static readonly TimeSpan s_doesNotHang = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _temp = new();
    private readonly CapturingLogger<AuthFileStore> _logger = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Load_AuthJsonIsAFifo_IsNotLoggedInWithoutBlockingAndReportsOnce()
    {
        // Arrange: a plain open(2) of a FIFO waits for a writer that never comes.
        var store = new AuthFileStore(_temp.Path, _logger);
        ChildProcesses.MakeFifo(store.AuthFilePath);

        // Act
        var first = await Task.Run(store.Load).WaitAsync(s_doesNotHang);
        var second = await Task.Run(store.Load).WaitAsync(s_doesNotHang);

        // Assert
        first.Should().BeOfType<AuthLoadResult.Corrupt>().Which.Reason.Should().Be("auth.json is a FIFO, not a regular file");
        second.Should().Be(first);
        _logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.Message.Contains("FIFO", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_AuthJsonIsAUnixSocket_IsNotLoggedIn()
    {
        // Arrange
        var store = new AuthFileStore(_temp.Path, _logger);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(store.AuthFilePath));

        // Act
        var result = await Task.Run(store.Load).WaitAsync(s_doesNotHang);

        // Assert
        result.Should().BeOfType<AuthLoadResult.Corrupt>().Which.Reason.Should().Contain("socket");
    }

    [Fact]
    public async Task Save_OverAFifo_ReplacesItWithoutBlocking()
    {
        // Arrange
        var store = new AuthFileStore(_temp.Path, _logger);
        ChildProcesses.MakeFifo(store.AuthFilePath);

        // Act
        await Task.Run(() => store.Save(AuthRecordFactory.ForApiKey("sk-new"))).WaitAsync(s_doesNotHang);

        // Assert
        store.Load().Should().Be(new AuthLoadResult.Loaded(AuthRecordFactory.ForApiKey("sk-new")));
    }

    [Fact]
    public void PrepareSave_DiskFull_ThrowsAndLeavesNothingBehind()
    {
        // Arrange
        using var fs = new SmallFileSystem();
        var store = new AuthFileStore(fs.Path, _logger);
        store.Save(AuthFiles.TypicalChatGptRecord());
        byte[] before = File.ReadAllBytes(store.AuthFilePath);
        fs.Fill();

        // Act
        var thrown = Record.Exception(() => store.PrepareSave().Dispose());

        // Assert
        thrown.Should().BeAssignableTo<IOException>();
        File.ReadAllBytes(store.AuthFilePath).Should().Equal(before);
        Directory.EnumerateFiles(fs.Path, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void PrepareSave_ThenDiskFills_CommitStillSucceedsInTheReservedRoom()
    {
        // Arrange: the reservation is what makes the later commit safe.
        using var fs = new SmallFileSystem();
        var store = new AuthFileStore(fs.Path, _logger);
        store.Save(AuthRecordFactory.ForApiKey("sk-old"));
        using var pending = store.PrepareSave();
        fs.Fill();

        // Act
        pending.Commit(AuthFiles.TypicalChatGptRecord());

        // Assert
        store.Load().Should().Be(new AuthLoadResult.Loaded(AuthFiles.TypicalChatGptRecord()));
        new FileInfo(store.AuthFilePath).Length.Should().Be(AuthJsonCodec.Serialize(AuthFiles.TypicalChatGptRecord()).Length);
        File.GetUnixFileMode(store.AuthFilePath).Should().Be(UnixPermissions.Mode0600);
        Directory.EnumerateFiles(fs.Path, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void PrepareSave_ReadOnlyFileSystem_Throws()
    {
        // Arrange
        using var fs = new SmallFileSystem();
        var store = new AuthFileStore(fs.Path, _logger);
        store.Save(AuthRecordFactory.ForApiKey("sk-old"));
        fs.MakeReadOnly();

        // Act
        var thrown = Record.Exception(() => store.PrepareSave().Dispose());

        // Assert
        thrown.Should().BeAssignableTo<IOException>().Which.HResult.Should().Be(30, "EROFS");
    }

    [Fact]
    public void PrepareSave_Disposed_RemovesItsTempFile()
    {
        // Arrange
        var store = new AuthFileStore(_temp.Path, _logger);

        // Act
        store.PrepareSave().Dispose();

        // Assert
        _temp.ListNames().Should().BeEmpty();
    }

    [Fact]
    public void Save_TempFilesOfDeadAndLiveWriters_RemovesOnlyTheDeadOnes()
    {
        // Arrange
        var deadPid = ChildProcesses.DeadPid();
        using var live = ChildProcesses.Start("sleep", "60");
        try
        {
            string dead = _temp.Combine($".auth.json.{deadPid}.00112233aabbccdd.tmp");
            string alive = _temp.Combine($".auth.json.{live.Id}.00112233aabbccdd.tmp");
            string own = _temp.Combine($".auth.json.{Environment.ProcessId}.00112233aabbccdd.tmp");
            string unrelated = _temp.Combine(".other.json.1.00112233aabbccdd.tmp");
            foreach (var path in new[] { dead, alive, own, unrelated })
            {
                File.WriteAllText(path, "tokens");
            }

            var store = new AuthFileStore(_temp.Path, _logger);
            File.Exists(dead).Should().BeFalse("the store removes dead writers' leftovers when it starts");
            File.WriteAllText(dead, "tokens");

            // Act
            store.Save(AuthRecordFactory.ForApiKey("sk-new"));

            // Assert
            File.Exists(dead).Should().BeFalse("a save removes them too");
            File.Exists(alive).Should().BeTrue("a live writer may still rename its temp file into place");
            File.Exists(own).Should().BeTrue("another thread of this process may be mid-save");
            File.Exists(unrelated).Should().BeTrue();
        }
        finally
        {
            ChildProcesses.StopAndReap(live);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Save_AuthJsonIsASymlink_ReplacesTheTargetAndKeepsTheLink(bool relative)
    {
        // Arrange: a dotfile manager keeps the real file elsewhere.
        var store = new AuthFileStore(_temp.Path, _logger);
        string dotfiles = _temp.Combine("dotfiles");
        Directory.CreateDirectory(dotfiles);
        string target = Path.Combine(dotfiles, "codex-auth.json");
        File.WriteAllBytes(target, AuthJsonCodec.Serialize(AuthRecordFactory.ForApiKey("sk-old")));
        File.CreateSymbolicLink(store.AuthFilePath, relative ? Path.Combine("dotfiles", "codex-auth.json") : target);

        // Act
        store.Save(AuthFiles.TypicalChatGptRecord());

        // Assert
        new FileInfo(store.AuthFilePath).LinkTarget.Should().NotBeNull("the link is kept");
        AuthJsonCodec.Parse(File.ReadAllBytes(target)).Should().Be(AuthFiles.TypicalChatGptRecord());
        File.GetUnixFileMode(target).Should().Be(UnixPermissions.Mode0600);
        store.Load().Should().Be(new AuthLoadResult.Loaded(AuthFiles.TypicalChatGptRecord()));
        Directory.EnumerateFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void Save_DanglingSymlink_CreatesTheTargetAndKeepsTheLink()
    {
        // Arrange
        var store = new AuthFileStore(_temp.Path, _logger);
        string dotfiles = _temp.Combine("dotfiles");
        Directory.CreateDirectory(dotfiles);
        string target = Path.Combine(dotfiles, "not-yet.json");
        File.CreateSymbolicLink(store.AuthFilePath, target);

        // Act
        store.Save(AuthRecordFactory.ForApiKey("sk-new"));

        // Assert
        new FileInfo(store.AuthFilePath).LinkTarget.Should().Be(target);
        AuthJsonCodec.Parse(File.ReadAllBytes(target)).Should().Be(AuthRecordFactory.ForApiKey("sk-new"));
    }

    [Fact]
    public void PrepareSave_ThroughSymlink_CreatesTheTempFileBesideTheTarget()
    {
        // Arrange: rename(2) only works within one file system, which the target's directory guarantees.
        var store = new AuthFileStore(_temp.Path, _logger);
        string dotfiles = _temp.Combine("dotfiles");
        Directory.CreateDirectory(dotfiles);
        File.CreateSymbolicLink(store.AuthFilePath, Path.Combine(dotfiles, "auth.json"));

        // Act
        using var pending = store.PrepareSave();

        // Assert
        Directory.EnumerateFiles(dotfiles, ".auth.json.*.tmp").Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Save_OverCorruptFile_KeepsItsBytesInABackupFirst(string caseId, byte[] content, string reason)
    {
        // Arrange
        _ = (caseId, reason);
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var store = new AuthFileStore(_temp.Path, _logger, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now));
        File.WriteAllBytes(store.AuthFilePath, content);
        File.SetUnixFileMode(store.AuthFilePath, UnixPermissions.Mode0644);

        // Act
        store.Save(AuthRecordFactory.ForApiKey("sk-new"));

        // Assert
        string backup = _temp.Combine("auth.json.corrupt-20260301T120000Z");
        File.ReadAllBytes(backup).Should().Equal(content);
        File.GetUnixFileMode(backup).Should().Be(UnixPermissions.Mode0600);
        _logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.Message.Contains(backup, StringComparison.Ordinal));
        store.Load().Should().Be(new AuthLoadResult.Loaded(AuthRecordFactory.ForApiKey("sk-new")));
    }

    [Fact]
    public void Save_OverCorruptFileTwiceInOneSecond_KeepsBothBackups()
    {
        // Arrange
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var store = new AuthFileStore(_temp.Path, _logger, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now));
        File.WriteAllText(store.AuthFilePath, "{");
        store.Save(AuthRecordFactory.ForApiKey("sk-1"));
        File.WriteAllText(store.AuthFilePath, "[");

        // Act
        store.Save(AuthRecordFactory.ForApiKey("sk-2"));

        // Assert
        File.ReadAllText(_temp.Combine("auth.json.corrupt-20260301T120000Z")).Should().Be("{");
        File.ReadAllText(_temp.Combine("auth.json.corrupt-20260301T120000Z-2")).Should().Be("[");
    }

    [Fact]
    public void Save_OverValidFile_KeepsNoBackup()
    {
        // Arrange
        var store = new AuthFileStore(_temp.Path, _logger);
        store.Save(AuthRecordFactory.ForApiKey("sk-1"));

        // Act
        store.Save(AuthRecordFactory.ForApiKey("sk-2"));

        // Assert
        _temp.ListNames().Should().NotContain(n => n.Contains("corrupt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CodexWriteLocks.AuthJsonLockName)]
    [InlineData(CodexWriteLocks.AuthLockName)]
    public async Task Save_WhileACodexProcessHoldsItsLock_WaitsAndNeverInterleaves(string lockName)
    {
        // Arrange: flock(1) takes the same flock(2) lock Codex takes; while holding it, the child
        // rewrites auth.json in place in two halves, as Codex does, and waits to be told to finish.
        var store = new AuthFileStore(_temp.Path, _logger);
        store.Save(AuthRecordFactory.ForApiKey("sk-old"));
        var codex = ChildProcesses.Start(
            "flock", "-x", _temp.Combine(lockName), "sh", "-c",
            $"printf '{{\"OPENAI_API' > '{store.AuthFilePath}'; echo held; read line; printf '_KEY\":\"sk-codex\"}}' >> '{store.AuthFilePath}'");
        try
        {
            (await codex.StandardOutput.ReadLineAsync().WaitAsync(s_doesNotHang)).Should().Be("held");

            // Act
            var save = Task.Run(() => store.Save(AuthRecordFactory.ForApiKey("sk-ours")));
            var finishedWhileHeld = await Task.WhenAny(save, Task.Delay(TimeSpan.FromMilliseconds(500))) == save;
            var whileHeld = File.ReadAllText(store.AuthFilePath);
            await codex.StandardInput.WriteLineAsync("go");
            await codex.StandardInput.FlushAsync();
            await save.WaitAsync(s_doesNotHang);

            // Assert
            finishedWhileHeld.Should().BeFalse("the write waits for Codex's lock");
            whileHeld.Should().Be("{\"OPENAI_API", "nothing was renamed over Codex's half-written file");
            store.Load().Should().Be(new AuthLoadResult.Loaded(AuthRecordFactory.ForApiKey("sk-ours")), "ours lands whole, after Codex finished");
        }
        finally
        {
            ChildProcesses.StopAndReap(codex);
        }
    }

    [Fact]
    public async Task Save_CodexHoldsItsLockTooLong_FailsWithoutWriting()
    {
        // Arrange
        var store = new AuthFileStore(_temp.Path, _logger, codexLockWait: TimeSpan.FromMilliseconds(200));
        store.Save(AuthRecordFactory.ForApiKey("sk-old"));
        var codex = ChildProcesses.Start("flock", "-x", _temp.Combine(CodexWriteLocks.AuthJsonLockName), "sh", "-c", "echo held; read line");
        try
        {
            (await codex.StandardOutput.ReadLineAsync().WaitAsync(s_doesNotHang)).Should().Be("held");

            // Act
            var thrown = Record.Exception(() => store.Save(AuthRecordFactory.ForApiKey("sk-ours")));

            // Assert
            thrown.Should().BeOfType<IOException>().Which.Message.Should().Contain("Codex held its lock");
            store.Load().Should().Be(new AuthLoadResult.Loaded(AuthRecordFactory.ForApiKey("sk-old")));
            Directory.EnumerateFiles(_temp.Path, "*.tmp").Should().BeEmpty();
        }
        finally
        {
            ChildProcesses.StopAndReap(codex);
        }
    }

    public static TheoryData<string, byte[], string> CorruptFiles() => CorruptAuthFiles.All();
}
