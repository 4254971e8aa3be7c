using AppServer.Auth.Refresh;

namespace AppServer.Auth.Tests.Refresh;

public sealed class RefreshMessagesTests
{
    // Literals, not the constants: these strings are the docs/codex-compatibility.md (§3.3, §3.4) and a test that
    // compared a constant with itself would let an edit through.
    [Theory]
    [InlineData("Expired", "Your access token could not be refreshed because your refresh token has expired. Please log out and sign in again.")]
    [InlineData("Exhausted", "Your access token could not be refreshed because your refresh token was already used. Please log out and sign in again.")]
    [InlineData("Revoked", "Your access token could not be refreshed because your refresh token was revoked. Please log out and sign in again.")]
    [InlineData("Other", "Your access token could not be refreshed. Please log out and sign in again.")]
    public void For_EachReason_ReturnsExactContractMessage(string reason, string expected)
    {
        // Act
        string message = RefreshMessages.For(Enum.Parse<RefreshFailureKind>(reason));

        // Assert
        message.Should().Be(expected);
    }

    [Fact]
    public void AccountMismatch_Always_IsExactContractMessage()
    {
        RefreshMessages.AccountMismatch.Should().Be(
            "Your access token could not be refreshed because you have since logged out or signed in to another account. Please sign in again.");
    }

    [Fact]
    public void TokenDataUnavailable_Always_IsExactContractMessage()
    {
        RefreshMessages.TokenDataUnavailable.Should().Be("Token data is not available.");
    }

    [Fact]
    public void TransientHttp_StatusAndMessage_FormatsAsUpstream()
    {
        // Act
        string message = RefreshMessages.TransientHttp(503, "Service Unavailable");

        // Assert
        message.Should().Be("Failed to refresh token: 503: Service Unavailable");
    }

    [Fact]
    public void For_UndefinedReason_Throws()
    {
        // Act
        Action act = () => RefreshMessages.For((RefreshFailureKind)42);

        // Assert
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
