using AppServer.Auth.Login;

namespace AppServer.Auth.Tests.Login;

public sealed class TokenEndpointErrorDetailTests
{
    [Theory]
    [InlineData("""{"error_description":"desc","error":{"message":"msg","code":"c"}}""", "desc")]
    [InlineData("""{"error_description":"  ","error":{"message":"msg","code":"c"}}""", "msg")]
    [InlineData("""{"error":{"message":"","code":"the_code"}}""", "the_code")]
    [InlineData("""{"error":"invalid_grant"}""", "invalid_grant")]
    [InlineData("""{"error":"invalid_grant","error_description":"Code expired"}""", "Code expired")]
    [InlineData("""{"unrelated":true}""", """{"unrelated":true}""")]
    [InlineData("  <html>Bad gateway</html>\n", "<html>Bad gateway</html>")]
    [InlineData("", "unknown error")]
    [InlineData("   ", "unknown error")]
    public void Describe_Body_FollowsUpstreamPrecedence(string body, string expected)
    {
        // Act
        string detail = TokenEndpointErrorDetail.Describe(body);

        // Assert
        detail.Should().Be(expected);
    }
}
