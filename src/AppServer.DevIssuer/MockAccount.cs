namespace AppServer.DevIssuer;

/// <summary>
/// The identity the mock issuer writes into the tokens it mints. A <see langword="null"/>
/// <paramref name="Plan"/> leaves <c>chatgpt_plan_type</c> out, which the server must read as "unknown".
/// </summary>
internal sealed record MockAccount(
    string Email = "user@example.com",
    string? Plan = "pro",
    string AccountId = "acct_123",
    string UserId = "user-123")
{
    public static MockAccount Default { get; } = new();
}
