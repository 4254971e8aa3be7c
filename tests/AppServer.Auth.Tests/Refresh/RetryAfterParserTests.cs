using AppServer.Auth.Refresh;

namespace AppServer.Auth.Tests.Refresh;

public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("2", 2)]
    [InlineData("30", 30)]
    [InlineData("86400", 86400)]
    public void Parse_DeltaSeconds_ReturnsThatDelay(string header, int expectedSeconds)
    {
        // Act
        TimeSpan? delay = Parse(header);

        // Assert
        delay.Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Parse_FutureHttpDate_ReturnsTimeUntilItOnTheGivenClock()
    {
        // Act
        TimeSpan? delay = Parse("Sun, 01 Mar 2026 12:00:45 GMT");

        // Assert
        delay.Should().Be(TimeSpan.FromSeconds(45));
    }

    [Fact]
    public void Parse_PastHttpDate_ReturnsZero()
    {
        Parse("Sun, 01 Mar 2026 11:00:00 GMT").Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void Parse_AbsentOrMalformed_ReturnsNull(string? header)
    {
        Parse(header).Should().BeNull();
    }

    private static TimeSpan? Parse(string? header)
    {
        using var response = new HttpResponseMessage();
        if (header is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", header);
        }

        return RetryAfterParser.Parse(response.Headers, s_now);
    }
}
