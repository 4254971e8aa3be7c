namespace AppServer.DevIssuer.State;

/// <summary>What a device-code poll returns once the user approved (docs/codex-compatibility.md §8.2 step 3).</summary>
internal sealed record DeviceApproval(string AuthorizationCode, string CodeChallenge, string CodeVerifier);
