using AppServer.Auth.CrossProcess;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.CrossProcess;

/// <summary>The one file-system watcher per directory that the auth.json and refresh-status watchers share (real inotify, real files).</summary>
public sealed class DirectoryEventsTests : IDisposable
{
    private static readonly TimeSpan s_eventTimeout = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TwoFilesInOneDirectory_ShareOneWatcher_AndEachHearsOnlyItsOwnFile()
    {
        // Arrange
        var aHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aWritten = false;
        var aHeardEarly = false;
        using var a = DirectoryEvents.Subscribe(_directory.Path, "a.json", () => { aHeardEarly |= !Volatile.Read(ref aWritten); aHeard.TrySetResult(); }, _ => { });
        using var b = DirectoryEvents.Subscribe(_directory.Path, "b.json", () => bHeard.TrySetResult(), _ => { });

        // Act: b first; events come in order on one thread, so any event for b wrongly handed to a
        // would reach a before a's own.
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "b.json"), "{}");
        await bHeard.Task.WaitAsync(s_eventTimeout);
        Volatile.Write(ref aWritten, true);
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "a.json"), "{}");
        await aHeard.Task.WaitAsync(s_eventTimeout);

        // Assert
        DirectoryEvents.SubscriberCount(_directory.Path).Should().Be(2);
        aHeardEarly.Should().BeFalse("a.json's subscriber heard b.json's event");
    }

    [Fact]
    public async Task RenameOntoTheFile_IsHeard_AsAnAtomicSaveDoesIt()
    {
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = DirectoryEvents.Subscribe(_directory.Path, "auth.json", () => heard.TrySetResult(), _ => { });
        var temp = Path.Combine(_directory.Path, ".auth.json.tmp");
        await File.WriteAllTextAsync(temp, "{}");

        File.Move(temp, Path.Combine(_directory.Path, "auth.json"));

        await heard.Task.WaitAsync(s_eventTimeout);
    }

    [Fact]
    public void LastUnsubscribe_ClosesTheWatcher_AndTheNextSubscribeOpensAnother()
    {
        var first = DirectoryEvents.Subscribe(_directory.Path, "a.json", () => { }, _ => { });
        var second = DirectoryEvents.Subscribe(_directory.Path + Path.DirectorySeparatorChar, "b.json", () => { }, _ => { });
        var whileBoth = DirectoryEvents.SubscriberCount(_directory.Path);

        first.Dispose();
        var whileOne = DirectoryEvents.SubscriberCount(_directory.Path);
        second.Dispose();
        var afterBoth = DirectoryEvents.SubscriberCount(_directory.Path);
        using var again = DirectoryEvents.Subscribe(_directory.Path, "a.json", () => { }, _ => { });

        whileBoth.Should().Be(2, "the same directory, however it is spelled, has one watcher");
        whileOne.Should().Be(1);
        afterBoth.Should().Be(0);
        DirectoryEvents.SubscriberCount(_directory.Path).Should().Be(1);
    }

    [Fact]
    public void Subscribe_MissingDirectory_Throws_AndLeavesNothingOpen()
    {
        var missing = Path.Combine(_directory.Path, "absent");

        var subscribe = () => DirectoryEvents.Subscribe(missing, "auth.json", () => { }, _ => { });

        subscribe.Should().Throw<ArgumentException>();
        DirectoryEvents.SubscriberCount(missing).Should().Be(0);
    }
}
