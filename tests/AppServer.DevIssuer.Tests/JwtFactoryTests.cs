using System.Text.Json.Nodes;
using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

public sealed class JwtFactoryTests
{
    [Fact]
    public void Create_AnyPayload_HasNoneHeaderUnpaddedBodyAndSigSegment()
    {
        var jwt = JwtFactory.Create(new JsonObject { ["a"] = "b" });

        var segments = jwt.Split('.');
        segments.Should().HaveCount(3);
        jwt.Should().NotContain("=");
        JwtPayload.DecodeSegment(segments[0]).ToJsonString().Should().Be("""{"alg":"none","typ":"JWT"}""");
        JwtPayload.DecodeSegment(segments[1]).ToJsonString().Should().Be("""{"a":"b"}""");
        segments[2].Should().Be("sig");
    }

    [Fact]
    public void IdToken_AllClaims_SitWhereClientsReadThem()
    {
        var payload = JwtPayload.Decode(JwtFactory.IdToken("dev@example.com", "team", "acct_7", "user-7"));

        ((string?)payload["email"]).Should().Be("dev@example.com");
        ((string?)payload[JwtFactory.ProfileClaim]!["email"]).Should().Be("dev@example.com");
        var auth = payload[JwtFactory.AuthClaim]!;
        ((string?)auth["chatgpt_plan_type"]).Should().Be("team");
        ((string?)auth["chatgpt_account_id"]).Should().Be("acct_7");
        ((string?)auth["chatgpt_user_id"]).Should().Be("user-7");
        ((string?)auth["user_id"]).Should().Be("user-7");
    }

    [Fact]
    public void IdToken_NullPlan_OmitsPlanClaim()
    {
        var auth = JwtPayload.AuthClaims(JwtFactory.IdToken("dev@example.com", null, "acct_7", "user-7"));

        auth.Should().NotContainKey("chatgpt_plan_type");
    }

    [Fact]
    public void AccessToken_ExpAndPlan_EncodedAsUnixSecondsAndAuthObject()
    {
        var exp = new DateTimeOffset(2026, 3, 1, 13, 0, 0, TimeSpan.Zero);

        var jwt = JwtFactory.AccessToken(exp, "acct_7", "pro");

        var payload = JwtPayload.Decode(jwt);
        ((long)payload["exp"]!).Should().Be(exp.ToUnixTimeSeconds());
        ((long)payload["iat"]!).Should().Be(exp.AddHours(-1).ToUnixTimeSeconds());
        ((string?)payload[JwtFactory.AuthClaim]!["chatgpt_plan_type"]).Should().Be("pro");
        ((string?)payload[JwtFactory.AuthClaim]!["chatgpt_account_id"]).Should().Be("acct_7");
    }

    [Fact]
    public void Pkce_Rfc7636Vector_ProducesKnownChallenge()
    {
        const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

        Pkce.Challenge(Verifier).Should().Be("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        Pkce.Matches(Verifier, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM").Should().BeTrue();
        Pkce.CreateVerifier().Should().HaveLength(86);
    }
}
