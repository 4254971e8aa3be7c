using AppServer.Auth.Storage;

namespace AppServer.Auth.Tests.Storage;

public sealed class Rfc3339TimestampTests
{
    [Theory]
    [InlineData("2026-03-24T10:11:12Z")]
    [InlineData("2026-03-24t10:11:12z")]
    [InlineData("2026-03-24 10:11:12Z")]
    [InlineData("2026-03-24T11:11:12+01:00")]
    [InlineData("2026-03-24T11:11:12+0100")]
    [InlineData("2026-03-24T09:11:12-01:00")]
    [InlineData("2026-03-24T10:11:12.000000000Z")]
    public void TryParse_CanonicalAndCommonForms_YieldTheSameUtcInstant(string text)
    {
        // Act
        bool ok = Rfc3339Timestamp.TryParse(text, out DateTimeOffset value);

        // Assert
        ok.Should().BeTrue();
        value.Should().Be(new DateTimeOffset(2026, 3, 24, 10, 11, 12, TimeSpan.Zero));
        value.Offset.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("3/24/2026")]
    [InlineData("2026-03-24")]
    [InlineData("2026-03-24T10:11:12")]
    [InlineData("2026-03-24T10:11Z")]
    [InlineData("2026-03-24T10:11:12.Z")]
    [InlineData("2026-03-24T10:11:12.1234567890Z")]
    [InlineData("2026-02-30T10:11:12Z")]
    [InlineData("2026-13-01T10:11:12Z")]
    [InlineData("2026-03-24T24:00:00Z")]
    [InlineData("2026-03-24T10:60:00Z")]
    [InlineData("2026-03-24T10:11:60Z")]
    [InlineData("2026-03-24T10:11:12+24:00")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("2026-03-24T10:11:12Z\n")]
    [InlineData(" 2026-03-24T10:11:12Z")]
    [InlineData("２０２６-03-24T10:11:12Z")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        // Act
        bool ok = Rfc3339Timestamp.TryParse(text, out _);

        // Assert
        ok.Should().BeFalse();
    }

    [Fact]
    public void Format_ExtremeValues_RoundTrip()
    {
        // Arrange
        DateTimeOffset[] values = [DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTimeOffset.UnixEpoch];

        foreach (DateTimeOffset value in values)
        {
            // Act
            bool ok = Rfc3339Timestamp.TryParse(Rfc3339Timestamp.Format(value), out DateTimeOffset parsed);

            // Assert
            ok.Should().BeTrue();
            parsed.Should().Be(value);
        }
    }
}
