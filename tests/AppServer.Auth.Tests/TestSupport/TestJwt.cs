using System.Buffers.Text;
using System.Text;

namespace AppServer.Auth.Tests.TestSupport;

/// <summary>Unsigned test JWTs: header <c>{"alg":"none","typ":"JWT"}</c>, base64url payload without padding, signature "sig".</summary>
internal static class TestJwt
{
    public static string Create(string payloadJson) =>
        $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode(payloadJson)}.sig";

    /// <summary>An id_token carrying every claim the parser reads, with email at the top level.</summary>
    public static string IdToken(
        string email = "user@example.com",
        string plan = "plus",
        string userId = "user-123",
        string accountId = "acct_123") =>
        Create("""
            {"email":"@email@","https://api.openai.com/auth":{"chatgpt_plan_type":"@plan@","chatgpt_user_id":"@userId@","chatgpt_account_id":"@accountId@"}}
            """
            .Replace("@email@", email, StringComparison.Ordinal)
            .Replace("@plan@", plan, StringComparison.Ordinal)
            .Replace("@userId@", userId, StringComparison.Ordinal)
            .Replace("@accountId@", accountId, StringComparison.Ordinal));

    public static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
