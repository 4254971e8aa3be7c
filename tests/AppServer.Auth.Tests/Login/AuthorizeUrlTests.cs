using AppServer.Auth.Login;

namespace AppServer.Auth.Tests.Login;

public sealed class AuthorizeUrlTests
{
    [Fact]
    public void Build_NoForcedWorkspace_HasUpstreamParametersInOrderPercentEncoded()
    {
        // Act
        string url = AuthorizeUrl.Build(
            "https://auth.example.com/", "http://localhost:1455/auth/callback", "chal-lenge_1", "st~ate", "codex_vscode", forcedWorkspaceId: null);

        // Assert
        url.Should().Be(
            "https://auth.example.com/oauth/authorize?response_type=code&client_id=app_EMoamEEZ73f0CkXaXp7hrann"
            + "&redirect_uri=http%3A%2F%2Flocalhost%3A1455%2Fauth%2Fcallback"
            + "&scope=openid%20profile%20email%20offline_access%20api.connectors.read%20api.connectors.invoke"
            + "&code_challenge=chal-lenge_1&code_challenge_method=S256&id_token_add_organizations=true"
            + "&codex_cli_simplified_flow=true&state=st~ate&originator=codex_vscode");
    }

    [Fact]
    public void Build_ForcedWorkspace_AppendsAllowedWorkspaceIdLast()
    {
        // Act
        string url = AuthorizeUrl.Build("https://auth.openai.com", "http://localhost:1455/auth/callback", "c", "s", "o", "ws forced/1");

        // Assert
        url.Should().EndWith("&originator=o&allowed_workspace_id=ws%20forced%2F1");
    }

    [Fact]
    public void Build_EmptyForcedWorkspace_LeavesParameterOut()
    {
        // Act
        string url = AuthorizeUrl.Build("https://auth.openai.com", "http://localhost:1/auth/callback", "c", "s", "o", string.Empty);

        // Assert
        url.Should().NotContain("allowed_workspace_id");
    }
}
