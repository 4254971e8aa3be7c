using AppServer.Auth.Refresh;

namespace AppServer.Auth.Tests.Refresh;

public sealed class RefreshErrorBodyTests
{
    [Theory]
    [InlineData("""{"error":{"code":"A_B"},"code":"c"}""", "a_b")]
    [InlineData("""{"error":"Invalid_Grant","code":"c"}""", "invalid_grant")]
    [InlineData("""{"error":{"message":"m"},"code":"Top"}""", "top")]
    [InlineData("""{"error":{"code":null},"code":"top"}""", "top")]
    [InlineData("""{"error":42,"code":"top"}""", "top")]
    [InlineData("""{"code":"top"}""", "top")]
    [InlineData("""{"code":7}""", null)]
    [InlineData("""{}""", null)]
    [InlineData("""[]""", null)]
    [InlineData("""null""", null)]
    [InlineData("""<html/>""", null)]
    [InlineData("", null)]
    public void Parse_Body_ExtractsCodeInContractOrder(string body, string? expectedCode)
    {
        // Act
        RefreshErrorBody parsed = RefreshErrorBody.Parse(body);

        // Assert
        parsed.Code.Should().Be(expectedCode);
    }

    [Fact]
    public void Parse_NonAsciiLetters_AreNotLowercased()
    {
        // Act
        RefreshErrorBody parsed = RefreshErrorBody.Parse("""{"error":"ÄRROR_İ"}""");

        // Assert
        parsed.Code.Should().Be("Ärror_İ");
    }

    [Theory]
    [InlineData("""{"error":{"message":"down"}}""", "down")]
    [InlineData("""{"error":{"message":5}}""", null)]
    [InlineData("""{"error":"down"}""", null)]
    [InlineData("""{"message":"down"}""", null)]
    public void Parse_Body_ExtractsErrorMessageOnlyFromErrorObject(string body, string? expectedMessage)
    {
        RefreshErrorBody.Parse(body).Message.Should().Be(expectedMessage);
    }

    [Fact]
    public void Parse_DeeplyNestedJson_DoesNotThrow()
    {
        // Arrange
        string body = new string('[', 10_000) + new string(']', 10_000);

        // Act
        RefreshErrorBody parsed = RefreshErrorBody.Parse(body);

        // Assert
        parsed.Code.Should().BeNull();
    }
}
