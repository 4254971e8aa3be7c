namespace AppServer.Auth.Tests.Refresh;

/// <summary>
/// Tests that set <c>CODEX_REFRESH_TOKEN_URL_OVERRIDE</c>. The variable is process-wide, so these
/// run alone, never alongside another test that might read it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TokenEndpointEnvironmentCollection
{
    public const string Name = "Token endpoint environment variable";
}
