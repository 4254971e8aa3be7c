using AppServer.Auth.Refresh;

namespace AppServer.Auth.Tests.Refresh;

public sealed class RefreshBackoffTests
{
    private static readonly TimeSpan s_base = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_cap = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(1, 500)]
    [InlineData(2, 1000)]
    [InlineData(3, 2000)]
    [InlineData(4, 4000)]
    [InlineData(5, 5000)]
    public void Compute_FullJitterSample_DoublesUpToCap(int failedAttempts, int expectedMilliseconds)
    {
        RefreshBackoff.Compute(failedAttempts, s_base, s_cap, jitter: 1.0).Should().Be(TimeSpan.FromMilliseconds(expectedMilliseconds));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.25, 250)]
    [InlineData(0.5, 500)]
    public void Compute_JitterSample_ScalesTheCeiling(double jitter, int expectedMilliseconds)
    {
        RefreshBackoff.Compute(2, s_base, s_cap, jitter).Should().Be(TimeSpan.FromMilliseconds(expectedMilliseconds));
    }

    [Theory]
    [InlineData(-1.0, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(7.0, 1000)]
    public void Compute_JitterOutOfRange_IsClamped(double jitter, int expectedMilliseconds)
    {
        RefreshBackoff.Compute(2, s_base, s_cap, jitter).Should().Be(TimeSpan.FromMilliseconds(expectedMilliseconds));
    }

    [Fact]
    public void Compute_HugeAttemptNumber_SaturatesAtCap()
    {
        RefreshBackoff.Compute(10_000, s_base, s_cap, 1.0).Should().Be(s_cap);
    }

    [Fact]
    public void Compute_ZeroFailedAttempts_Throws()
    {
        // Act
        Action act = () => RefreshBackoff.Compute(0, s_base, s_cap, 1.0);

        // Assert
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
