using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace AppServer.Auth.Tests.Refresh.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports each timer as it is armed, so a test can advance
/// the clock by exactly the delay the code under test chose, with no spinning and no real waits.
/// </summary>
internal sealed class ObservableTimeProvider : FakeTimeProvider
{
    // Only a guard against a bug that would otherwise hang the run; passing tests never reach it.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _armedTimers = Channel.CreateUnbounded<TimeSpan>();
    private readonly List<TimeSpan> _advances = [];

    public ObservableTimeProvider()
        : base(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>The amounts <see cref="DriveAsync{T}"/> advanced by, in order.</summary>
    public IReadOnlyList<TimeSpan> Advances => _advances;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        _armedTimers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>
    /// Waits for <paramref name="task"/>, and each time a timer is armed whose due time is not
    /// <paramref name="attemptTimeout"/> (a backoff or Retry-After delay), advances exactly that
    /// much. Attempt-timeout timers are left alone: the stub answers, so they never need to fire.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan attemptTimeout)
    {
        while (true)
        {
            Task<TimeSpan> armed = _armedTimers.Reader.ReadAsync().AsTask();
            Task first = await Task.WhenAny(task, armed).WaitAsync(s_hangGuard);
            if (first == task)
            {
                return await task;
            }

            TimeSpan dueTime = await armed;
            if (dueTime != attemptTimeout && dueTime != Timeout.InfiniteTimeSpan)
            {
                _advances.Add(dueTime);
                Advance(dueTime);
            }
        }
    }
}
