using System.Buffers.Text;
using System.Text;
using AppServer.Auth.Jwt;
using BenchmarkDotNet.Attributes;

namespace AppServer.Bench.InProc;

/// <summary>
/// Decoding a ChatGPT-style id_token: the bare base64url decode of its payload, and the server's
/// own claims parser (split, alphabet check, decode, JSON, claim lookup).
/// </summary>
[MemoryDiagnoser]
public class JwtBenchmarks
{
    private const string Payload = """
        {"email":"bench@example.com","email_verified":true,"iss":"https://auth.openai.com","aud":["app_bench"],"exp":4102444800,"iat":1700000000,
        "https://api.openai.com/auth":{"chatgpt_plan_type":"plus","chatgpt_user_id":"user-bench0123456789","chatgpt_account_id":"11111111-2222-3333-4444-555555555555"},
        "https://api.openai.com/profile":{"email":"bench@example.com"}}
        """;

    private static readonly string s_payloadSegment = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Payload));
    private static readonly string s_jwt =
        Base64Url.EncodeToString("""{"alg":"RS256","typ":"JWT"}"""u8) + "." + s_payloadSegment + "." + Base64Url.EncodeToString(new byte[256]);

    private readonly byte[] _decoded = new byte[Base64Url.GetMaxDecodedLength(s_payloadSegment.Length)];

    [Benchmark]
    public int Base64UrlDecodePayload() => Base64Url.DecodeFromChars(s_payloadSegment, _decoded);

    [Benchmark]
    public string? ParseIdTokenClaims() => IdTokenClaimsParser.TryParse(s_jwt, out var claims) ? claims.AccountId : null;
}
