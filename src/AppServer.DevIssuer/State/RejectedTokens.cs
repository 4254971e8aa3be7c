using System.Collections.Concurrent;

namespace AppServer.DevIssuer.State;

/// <summary>
/// Access tokens the mock API answers 401 to, so a client can rehearse "the API refused my token":
/// marked by a test or the admin API, looked up by <c>GET /v1/me</c>.
/// </summary>
internal sealed class RejectedTokens
{
    private readonly ConcurrentDictionary<string, byte> _tokens = new(StringComparer.Ordinal);

    public int Count => _tokens.Count;

    public void Reject(string token) => _tokens[token] = 0;

    public bool IsRejected(string token) => _tokens.ContainsKey(token);
}
