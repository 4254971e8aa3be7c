using AppServer.Auth.Jwt;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Jwt;

public sealed class IdTokenClaimsParserTests
{
    [Fact]
    public void TryParse_AllClaimsWithTopLevelEmail_ReadsEveryClaim()
    {
        // Arrange
        string jwt = TestJwt.IdToken(email: "top@example.com", plan: "pro", userId: "user-9", accountId: "acct_9");

        // Act
        bool ok = IdTokenClaimsParser.TryParse(jwt, out IdTokenClaims? claims);

        // Assert
        ok.Should().BeTrue();
        claims.Should().Be(new IdTokenClaims("top@example.com", "pro", "user-9", "acct_9"));
    }

    [Fact]
    public void TryParse_EmailOnlyInProfileObject_ReadsProfileEmail()
    {
        // Arrange
        string jwt = TestJwt.Create("""{"https://api.openai.com/profile":{"email":"profile@example.com"}}""");

        // Act
        IdTokenClaimsParser.TryParse(jwt, out IdTokenClaims? claims).Should().BeTrue();

        // Assert
        claims!.Email.Should().Be("profile@example.com");
    }

    [Fact]
    public void TryParse_EmailInBothPlaces_PrefersTopLevel()
    {
        // Arrange
        string jwt = TestJwt.Create("""{"email":"top@example.com","https://api.openai.com/profile":{"email":"profile@example.com"}}""");

        // Act
        IdTokenClaimsParser.TryParse(jwt, out IdTokenClaims? claims).Should().BeTrue();

        // Assert
        claims!.Email.Should().Be("top@example.com");
    }

    [Fact]
    public void TryParse_NoChatGptUserId_FallsBackToUserId()
    {
        // Arrange
        string jwt = TestJwt.Create("""{"https://api.openai.com/auth":{"user_id":"legacy-user"}}""");

        // Act
        IdTokenClaimsParser.TryParse(jwt, out IdTokenClaims? claims).Should().BeTrue();

        // Assert
        claims!.ChatGptUserId.Should().Be("legacy-user");
    }

    [Fact]
    public void TryParse_BothUserIds_PrefersChatGptUserId()
    {
        // Arrange
        string jwt = TestJwt.Create("""{"https://api.openai.com/auth":{"user_id":"legacy-user","chatgpt_user_id":"chatgpt-user"}}""");

        // Act
        IdTokenClaimsParser.TryParse(jwt, out IdTokenClaims? claims).Should().BeTrue();

        // Assert
        claims!.ChatGptUserId.Should().Be("chatgpt-user");
    }

    [Fact]
    public void TryParse_EmptyPayloadObject_AllClaimsNull()
    {
        // Arrange
        string jwt = TestJwt.Create("{}");

        // Act
        bool ok = IdTokenClaimsParser.TryParse(jwt, out IdTokenClaims? claims);

        // Assert
        ok.Should().BeTrue();
        claims.Should().Be(new IdTokenClaims(null, null, null, null));
    }

    [Theory]
    [InlineData("""{"email":42,"https://api.openai.com/auth":{"chatgpt_plan_type":true,"chatgpt_user_id":[],"chatgpt_account_id":{}}}""")]
    [InlineData("""{"email":null,"https://api.openai.com/profile":"not-an-object","https://api.openai.com/auth":"not-an-object"}""")]
    [InlineData("""{"https://api.openai.com/profile":{"email":7},"https://api.openai.com/auth":[{"chatgpt_plan_type":"plus"}]}""")]
    public void TryParse_WrongTypedClaims_TreatedAsAbsent(string payload)
    {
        // Arrange
        string jwt = TestJwt.Create(payload);

        // Act
        bool ok = IdTokenClaimsParser.TryParse(jwt, out IdTokenClaims? claims);

        // Assert
        ok.Should().BeTrue();
        claims.Should().Be(new IdTokenClaims(null, null, null, null));
    }

    [Fact]
    public void TryParse_WrongTypedTopLevelEmail_FallsBackToProfileEmail()
    {
        // Arrange
        string jwt = TestJwt.Create("""{"email":false,"https://api.openai.com/profile":{"email":"profile@example.com"}}""");

        // Act
        IdTokenClaimsParser.TryParse(jwt, out IdTokenClaims? claims).Should().BeTrue();

        // Assert
        claims!.Email.Should().Be("profile@example.com");
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc.def")]
    [InlineData("a..c")]
    [InlineData("a.!!.c")]
    public void TryParse_NotAJwt_ReturnsFalse(string jwt)
    {
        // Act
        bool ok = IdTokenClaimsParser.TryParse(jwt, out IdTokenClaims? claims);

        // Assert
        ok.Should().BeFalse();
        claims.Should().BeNull();
    }
}
