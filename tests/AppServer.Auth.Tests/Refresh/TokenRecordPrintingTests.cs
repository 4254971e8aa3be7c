using AppServer.Auth.Refresh;

namespace AppServer.Auth.Tests.Refresh;

public sealed class TokenRecordPrintingTests
{
    [Fact]
    public void TokenResponse_ToString_ShowsPresenceButNoToken()
    {
        // Arrange
        var tokens = new TokenResponse("id-SECRET", "at-SECRET", null);

        // Act
        string printed = tokens.ToString();

        // Assert
        printed.Should().Be("TokenResponse { IdToken = <redacted>, AccessToken = <redacted>, RefreshToken = <absent> }");
    }

    [Fact]
    public void RefreshAttemptResult_SuccessToString_ContainsNoToken()
    {
        // Arrange
        RefreshAttemptResult result = RefreshAttemptResult.Success(new TokenResponse("id-SECRET", "at-SECRET", "rt-SECRET"), 1);

        // Act
        string printed = result.ToString();

        // Assert
        printed.Should().NotContain("SECRET");
    }

    [Fact]
    public void TokenRefreshRequest_ToString_ContainsNoRefreshToken()
    {
        // Arrange
        var request = new TokenRefreshRequest(TokenRefreshClient.ClientId, TokenRefreshClient.GrantType, "rt-SECRET", "forced");

        // Act
        string printed = request.ToString();

        // Assert
        printed.Should().Be("TokenRefreshRequest { ClientId = app_EMoamEEZ73f0CkXaXp7hrann, GrantType = refresh_token, RefreshToken = <redacted>, RefreshReason = forced }");
    }

    [Fact]
    public void TokenEndpointSuccessBody_ToString_ContainsNoToken()
    {
        new TokenEndpointSuccessBody("id-SECRET", "at-SECRET", "rt-SECRET").ToString().Should().NotContain("SECRET");
    }

    [Fact]
    public void RefreshAttemptResult_Failure_IsNotSuccessAndCarriesError()
    {
        // Arrange
        var error = new TransientRefreshError("Failed to refresh token: 500: Unknown error", 500, null);

        // Act
        RefreshAttemptResult result = RefreshAttemptResult.Failure(error, 2);

        // Assert
        result.IsSuccess.Should().BeFalse();
        result.Tokens.Should().BeNull();
        result.Error.Should().BeSameAs(error);
        result.Attempts.Should().Be(2);
    }
}
