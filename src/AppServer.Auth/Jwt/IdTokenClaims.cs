namespace AppServer.Auth.Jwt;

/// <summary>
/// Claims read from a ChatGPT id_token (docs/codex-compatibility.md §1.5). The signature is never verified; these are
/// hints for display and for the identity guard, not proof of anything.
/// </summary>
/// <param name="Email">Top-level <c>email</c>, else <c>email</c> in the <c>https://api.openai.com/profile</c> object.</param>
/// <param name="PlanType">Raw <c>chatgpt_plan_type</c> from the <c>https://api.openai.com/auth</c> object.</param>
/// <param name="ChatGptUserId"><c>chatgpt_user_id</c>, else <c>user_id</c>, in the auth object.</param>
/// <param name="AccountId"><c>chatgpt_account_id</c> in the auth object.</param>
internal sealed record IdTokenClaims(string? Email, string? PlanType, string? ChatGptUserId, string? AccountId);
