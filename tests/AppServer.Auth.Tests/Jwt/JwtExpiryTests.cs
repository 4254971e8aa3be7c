using AppServer.Auth.Jwt;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Jwt;

public sealed class JwtExpiryTests
{
    [Fact]
    public void TryGetExpiry_IntegerExp_ReturnsUnixSecondsAsUtc()
    {
        // Arrange
        string token = TestJwt.Create("""{"exp":1774347072}""");

        // Act
        DateTimeOffset? expiry = JwtExpiry.TryGetExpiry(token);

        // Assert
        expiry.Should().Be(new DateTimeOffset(2026, 3, 24, 10, 11, 12, TimeSpan.Zero));
    }

    [Fact]
    public void TryGetExpiry_FractionalExp_TruncatesToSeconds()
    {
        // Arrange
        string token = TestJwt.Create("""{"exp":1774347072.9}""");

        // Act
        DateTimeOffset? expiry = JwtExpiry.TryGetExpiry(token);

        // Assert
        expiry.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1774347072));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"exp":null}""")]
    [InlineData("""{"exp":"1774347072"}""")]
    [InlineData("""{"exp":true}""")]
    [InlineData("""{"exp":1e300}""")]
    [InlineData("""{"exp":-1e300}""")]
    [InlineData("""{"exp":99999999999999}""")]
    [InlineData("""{"nested":{"exp":1774347072}}""")]
    public void TryGetExpiry_MissingOrInvalidExp_ReturnsNull(string payload)
    {
        // Arrange
        string token = TestJwt.Create(payload);

        // Act
        DateTimeOffset? expiry = JwtExpiry.TryGetExpiry(token);

        // Assert
        expiry.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("opaque-access-token")]
    [InlineData("a.b")]
    public void TryGetExpiry_NotAJwt_ReturnsNull(string token)
    {
        // Act
        DateTimeOffset? expiry = JwtExpiry.TryGetExpiry(token);

        // Assert
        expiry.Should().BeNull();
    }
}
