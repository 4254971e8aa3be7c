using System.Text;
using AppServer.Auth.Platform;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Platform;

public sealed class FileReplaceTests : IDisposable
{
    private const int SharingViolationHResult = unchecked((int)0x80070020);
    private const int LockViolationHResult = unchecked((int)0x80070021);
    private const int DiskFullHResult = unchecked((int)0x80070070);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Replace_TargetOpenByAReader_ReaderKeepsOldContentAndNewOpensSeeNewContent()
    {
        var target = _dir.Combine("auth.json");
        File.WriteAllText(target, "old");
        var temp = _dir.Combine(".auth.json.tmp");
        File.WriteAllText(temp, "new");

        using (var reader = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            FileReplace.Replace(temp, target);

            using var text = new StreamReader(reader, Encoding.UTF8);
            text.ReadToEnd().Should().Be("old", "a reader that opened the file before the replace reads the file it opened");
        }

        File.ReadAllText(target).Should().Be("new");
        File.Exists(temp).Should().BeFalse();
    }

    [Theory]
    [InlineData(SharingViolationHResult)]
    [InlineData(LockViolationHResult)]
    public void Replace_SharingViolationsThenSuccess_RetriesWithGrowingWaits(int hresult)
    {
        var calls = 0;
        var waits = new List<TimeSpan>();

        FileReplace.Replace("a", "b", (_, _) =>
        {
            if (++calls < 4)
            {
                throw new IOException("held open", hresult);
            }
        }, waits.Add, retrySharingViolations: true);

        calls.Should().Be(4);
        waits.Should().HaveCount(3);
        waits.Should().BeInAscendingOrder();
    }

    [Fact]
    public void Replace_AccessDeniedWhileHeld_IsRetriedLikeASharingViolation()
    {
        var calls = 0;

        FileReplace.Replace("a", "b", (_, _) =>
        {
            if (++calls == 1)
            {
                throw new UnauthorizedAccessException("open without delete sharing");
            }
        }, _ => { }, retrySharingViolations: true);

        calls.Should().Be(2);
    }

    [Fact]
    public void Replace_SharingViolationThatNeverClears_ThrowsAfterTheBoundedAttempts()
    {
        var calls = 0;
        var waits = new List<TimeSpan>();

        var act = () => FileReplace.Replace("a", "b", (_, _) =>
        {
            calls++;
            throw new IOException("held open", SharingViolationHResult);
        }, waits.Add, retrySharingViolations: true);

        act.Should().Throw<IOException>().WithMessage("held open");
        calls.Should().Be(FileReplace.MaxAttempts);
        waits.Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait).Should().BeLessThan(TimeSpan.FromSeconds(3), "the whole wait is bounded");
    }

    [Fact]
    public void Replace_OtherIOError_ThrowsAtOnceWithoutWaiting()
    {
        var calls = 0;
        var waits = new List<TimeSpan>();

        var act = () => FileReplace.Replace("a", "b", (_, _) =>
        {
            calls++;
            throw new IOException("disk full", DiskFullHResult);
        }, waits.Add, retrySharingViolations: true);

        act.Should().Throw<IOException>();
        calls.Should().Be(1);
        waits.Should().BeEmpty();
    }

    [Fact]
    public void Replace_SharingViolationWhereRenameNeverReportsOne_IsNotRetried()
    {
        // Unix: a failed rename(2) is never a sharing violation, so nothing is worth waiting for.
        var calls = 0;

        var act = () => FileReplace.Replace("a", "b", (_, _) =>
        {
            calls++;
            throw new IOException("held open", SharingViolationHResult);
        }, _ => { }, retrySharingViolations: false);

        act.Should().Throw<IOException>();
        calls.Should().Be(1);
    }
}
