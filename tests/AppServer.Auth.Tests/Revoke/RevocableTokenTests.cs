using AppServer.Auth.Revoke;
using AppServer.Auth.Storage;
using AppServer.Auth.Tests.Manager.Support;

namespace AppServer.Auth.Tests.Revoke;

public sealed class RevocableTokenTests
{
    private static TokenData Tokens(string accessToken = "at-1", string refreshToken = "rt-1") =>
        TestRecords.ChatGpt(accessToken: accessToken, refreshToken: refreshToken).Tokens!;

    [Fact]
    public void From_RefreshTokenPresent_IsRefreshTokenWithClientId()
    {
        var token = RevocableToken.From(Tokens())!;

        token.ToRequest().Should().Be(new RevokeRequest("rt-1", "refresh_token", "app_EMoamEEZ73f0CkXaXp7hrann"));
    }

    [Fact]
    public void From_NoRefreshToken_IsAccessTokenWithoutClientId()
    {
        var token = RevocableToken.From(Tokens(refreshToken: ""))!;

        token.ToRequest().Should().Be(new RevokeRequest("at-1", "access_token", null));
    }

    [Fact]
    public void From_NoTokensAtAll_IsNothing()
    {
        RevocableToken.From(Tokens(accessToken: "", refreshToken: "")).Should().BeNull();
        RevocableToken.From(null).Should().BeNull();
    }

    [Fact]
    public void Retired_ReplacementKeepsTheSameRefreshToken_IsNothing()
    {
        RevocableToken.Retired(Tokens(refreshToken: "rt-same"), Tokens(accessToken: "at-2", refreshToken: "rt-same")).Should().BeNull();
    }

    [Fact]
    public void Retired_ReplacementHasANewGrantOrNoTokens_IsTheOldRefreshToken()
    {
        RevocableToken.Retired(Tokens(refreshToken: "rt-old"), Tokens(refreshToken: "rt-new"))!.Token.Should().Be("rt-old");
        RevocableToken.Retired(Tokens(refreshToken: "rt-old"), null)!.Token.Should().Be("rt-old");
    }

    [Fact]
    public void ToString_NeverShowsTheToken()
    {
        RevocableToken.From(Tokens(refreshToken: "rt-secret-value"))!.ToString().Should().NotContain("rt-secret-value");
    }
}
