using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace AppServer.DevIssuer;

/// <summary>
/// Mints unsigned JWTs in the layout the OpenAI issuer uses (docs/codex-compatibility.md §1.5). Clients never verify the
/// signature, so the third segment is the fixed placeholder <c>sig</c>.
/// </summary>
internal static class JwtFactory
{
    /// <summary>Claim holding the ChatGPT plan, account and user ids.</summary>
    public const string AuthClaim = "https://api.openai.com/auth";

    /// <summary>Claim holding the profile email.</summary>
    public const string ProfileClaim = "https://api.openai.com/profile";

    private static readonly string s_signature = "sig";

    private static readonly string s_header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);

    /// <summary>Encodes <paramref name="payload"/> as the middle segment of an unsigned JWT.</summary>
    public static string Create(JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var body = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return $"{s_header}.{body}.{s_signature}";
    }

    /// <summary>An id_token carrying email, plan, account and user ids where clients look for them.</summary>
    public static string IdToken(string email, string? plan, string accountId, string userId)
    {
        var auth = new JsonObject
        {
            ["chatgpt_account_id"] = accountId,
            ["chatgpt_user_id"] = userId,
            ["user_id"] = userId,
        };
        AddPlan(auth, plan);

        return Create(new JsonObject
        {
            ["email"] = email,
            [AuthClaim] = auth,
            [ProfileClaim] = new JsonObject { ["email"] = email },
        });
    }

    /// <summary>
    /// An access token whose <c>exp</c> drives the server's staleness check. <paramref name="issuedAt"/>
    /// defaults to one hour before <paramref name="exp"/> so the helper stays clock-free.
    /// </summary>
    public static string AccessToken(DateTimeOffset exp, string accountId, string? plan, DateTimeOffset? issuedAt = null)
    {
        var auth = new JsonObject { ["chatgpt_account_id"] = accountId };
        AddPlan(auth, plan);

        return Create(new JsonObject
        {
            ["exp"] = exp.ToUnixTimeSeconds(),
            ["iat"] = (issuedAt ?? exp.AddHours(-1)).ToUnixTimeSeconds(),
            // A unique id, as real issuers add: two tokens minted in the same second must still differ.
            ["jti"] = Guid.NewGuid().ToString("N"),
            [AuthClaim] = auth,
        });
    }

    // A missing plan claim is a real case (the server must report "unknown"), so null omits it.
    private static void AddPlan(JsonObject auth, string? plan)
    {
        if (plan is not null)
        {
            auth["chatgpt_plan_type"] = plan;
        }
    }
}
