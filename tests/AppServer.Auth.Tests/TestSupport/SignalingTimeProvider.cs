using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace AppServer.Auth.Tests.TestSupport;

/// <summary>
/// A fake clock that reports every timer armed on it, so a test knows the code under test is now
/// waiting (for example, for a held file lock) and can advance exactly the delay it chose.
/// </summary>
internal sealed class SignalingTimeProvider : FakeTimeProvider
{
    // Only a guard against a bug that would otherwise hang the run; passing tests never reach it.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

    public SignalingTimeProvider()
        : base(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _armed.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer armed (or one armed earlier and not yet taken).</summary>
    public Task<TimeSpan> NextTimerAsync() => _armed.Reader.ReadAsync().AsTask().WaitAsync(s_hangGuard);

    /// <summary>Advances by each armed timer's due time until <paramref name="task"/> completes; returns the total advanced.</summary>
    public async Task<TimeSpan> DriveAsync(Task task)
    {
        var total = TimeSpan.Zero;
        while (true)
        {
            var armed = _armed.Reader.ReadAsync().AsTask();
            if (await Task.WhenAny(task, armed).WaitAsync(s_hangGuard) == task)
            {
                await task;
                return total;
            }

            var dueTime = await armed;
            total += dueTime;
            Advance(dueTime);
        }
    }
}
