using System.Net;
using AppServer.DevIssuer.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace AppServer.DevIssuer.Tests;

public sealed class LoginGrantTests
{
    private static readonly string s_redirectUri = "http://localhost:1455/auth/callback";

    [Fact]
    public async Task ExchangeCode_MatchingVerifier_ReturnsTheBoundCredentials()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        var credentials = issuer.IssueCredentials();
        var verifier = Pkce.CreateVerifier();
        var code = issuer.CreateAuthorizationCode(Pkce.Challenge(verifier), s_redirectUri, credentials);

        using var response = await http.ExchangeCodeAsync(code, s_redirectUri, verifier);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        ((string?)body["id_token"]).Should().Be(credentials.IdToken);
        ((string?)body["access_token"]).Should().Be(credentials.AccessToken);
        ((string?)body["refresh_token"]).Should().Be(credentials.RefreshToken);
    }

    [Fact]
    public async Task ExchangeCode_WrongVerifier_Returns400InvalidGrant()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        var code = issuer.CreateAuthorizationCode(Pkce.Challenge(Pkce.CreateVerifier()), s_redirectUri, issuer.IssueCredentials());

        using var response = await http.ExchangeCodeAsync(code, s_redirectUri, Pkce.CreateVerifier());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadOAuthErrorAsync()).Should().Be("invalid_grant");
    }

    [Fact]
    public async Task ExchangeCode_RedirectUriDiffers_Returns400InvalidGrant()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        var verifier = Pkce.CreateVerifier();
        var code = issuer.CreateAuthorizationCode(Pkce.Challenge(verifier), s_redirectUri, issuer.IssueCredentials());

        using var response = await http.ExchangeCodeAsync(code, "http://localhost:1456/auth/callback", verifier);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadOAuthErrorAsync()).Should().Be("invalid_grant");
    }

    [Fact]
    public async Task ExchangeCode_SecondUse_Returns400InvalidGrant()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        var verifier = Pkce.CreateVerifier();
        var code = issuer.CreateAuthorizationCode(Pkce.Challenge(verifier), s_redirectUri, issuer.IssueCredentials());
        (await http.ExchangeCodeAsync(code, s_redirectUri, verifier)).Dispose();

        using var response = await http.ExchangeCodeAsync(code, s_redirectUri, verifier);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadOAuthErrorAsync()).Should().Be("invalid_grant");
    }

    [Fact]
    public async Task ExchangeForApiKey_IdToken_ReturnsMockKey()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var response = await http.ExchangeForApiKeyAsync(issuer.IssueCredentials().IdToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ((string?)(await response.ReadJsonAsync())["access_token"]).Should().StartWith("sk-mock-");
    }

    [Fact]
    public async Task ExchangeForApiKey_OtherRequestedToken_Returns400()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var response = await http.ExchangeForApiKeyAsync(issuer.IssueCredentials().IdToken, requestedToken: "something-else");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadOAuthErrorAsync()).Should().Be("invalid_request");
    }

    [Fact]
    public async Task Authorize_AutoApprove_RedirectsWithCodeAndStateThatExchange()
    {
        var account = new MockAccount(Email: "browser@example.com", AccountId: "acct_browser");
        await using var issuer = await MockIssuer.StartAsync(new MockIssuerOptions { LoginAccount = account });
        using var http = IssuerHttp.ClientFor(issuer, followRedirects: false);
        var verifier = Pkce.CreateVerifier();

        using var response = await http.GetAsync(AuthorizeUrl(Pkce.Challenge(verifier), "state-123"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(s_redirectUri);
        var query = QueryHelpers.ParseQuery(location.Query);
        query["state"].ToString().Should().Be("state-123");
        using var exchange = await http.ExchangeCodeAsync(query["code"].ToString(), s_redirectUri, verifier);
        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        var idToken = (string)(await exchange.ReadJsonAsync())["id_token"]!;
        ((string?)JwtPayload.Decode(idToken)["email"]).Should().Be("browser@example.com");
        issuer.Requests.Single(r => r.Path == "/oauth/authorize").Query.Should().Contain("state=state-123");
    }

    [Fact]
    public async Task Authorize_AutoApproveOff_RecordsQueryWithoutRedirect()
    {
        await using var issuer = await MockIssuer.StartAsync(new MockIssuerOptions { AutoApprove = false });
        using var http = IssuerHttp.ClientFor(issuer, followRedirects: false);

        using var response = await http.GetAsync(AuthorizeUrl(Pkce.Challenge(Pkce.CreateVerifier()), "s"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        issuer.Requests.Should().ContainSingle(r => r.Path == "/oauth/authorize" && r.Query.Contains("code_challenge_method=S256"));
    }

    [Fact]
    public async Task Authorize_NonLoopbackRedirectUri_Returns400()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer, followRedirects: false);
        var url = AuthorizeUrl(Pkce.Challenge(Pkce.CreateVerifier()), "s").Replace("localhost", "example.com", StringComparison.Ordinal);

        using var response = await http.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static string AuthorizeUrl(string challenge, string state) =>
        QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = MockIssuerOptions.CodexClientId,
            ["redirect_uri"] = s_redirectUri,
            ["scope"] = "openid profile email offline_access",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        });
}
