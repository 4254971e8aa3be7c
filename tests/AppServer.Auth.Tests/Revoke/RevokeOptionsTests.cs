using AppServer.Auth.Revoke;

namespace AppServer.Auth.Tests.Revoke;

public sealed class RevokeOptionsTests
{
    [Fact]
    public void ResolveEndpoint_NoOverrides_IsProductionRevokeUrl()
    {
        RevokeOptions.ResolveEndpoint(_ => null).Should().Be(new Uri("https://auth.openai.com/oauth/revoke"));
    }

    [Fact]
    public void ResolveEndpoint_RevokeOverride_WinsOverRefreshOverride()
    {
        var environment = new Dictionary<string, string>
        {
            ["CODEX_REVOKE_TOKEN_URL_OVERRIDE"] = "http://127.0.0.1:9/custom/revoke",
            ["CODEX_REFRESH_TOKEN_URL_OVERRIDE"] = "http://127.0.0.1:8/oauth/token",
        };

        RevokeOptions.ResolveEndpoint(environment.GetValueOrDefault).Should().Be(new Uri("http://127.0.0.1:9/custom/revoke"));
    }

    [Fact]
    public void ResolveEndpoint_RefreshOverrideOnly_IsOauthRevokeOnItsHostWithoutQuery()
    {
        var environment = new Dictionary<string, string> { ["CODEX_REFRESH_TOKEN_URL_OVERRIDE"] = "http://127.0.0.1:1234/oauth/token?unified=true" };

        RevokeOptions.ResolveEndpoint(environment.GetValueOrDefault).ToString().Should().Be("http://127.0.0.1:1234/oauth/revoke");
    }

    [Theory]
    [InlineData("CODEX_REVOKE_TOKEN_URL_OVERRIDE")]
    [InlineData("CODEX_REFRESH_TOKEN_URL_OVERRIDE")]
    public void ResolveEndpoint_OverrideNotAnHttpUrl_ThrowsNamingTheVariableNotTheValue(string variable)
    {
        var environment = new Dictionary<string, string> { [variable] = "ftp://secret@host/x" };

        var act = () => RevokeOptions.ResolveEndpoint(environment.GetValueOrDefault);

        act.Should().Throw<InvalidOperationException>()
            .Which.Message.Should().Be($"{variable} is set but is not an absolute http(s) URL.");
    }
}
