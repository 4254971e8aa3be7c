using System.Text;
using AppServer.Auth.Jwt;
using AppServer.Auth.Storage;

namespace AppServer.Auth.Tests.TestSupport;

/// <summary>
/// Sample <c>auth.json</c> contents. Every secret contains <see cref="SecretMarker"/>, so tests can
/// check that no reason, exception or log line ever repeats one.
/// </summary>
internal static class AuthFiles
{
    public const string SecretMarker = "SECRET";
    public const string ApiKey = "sk-SECRET-KEY+/é";
    public const string AccessToken = "at-SECRET-ACCESS-0123456789";
    public const string RefreshToken = "rt-SECRET-REFRESH-0123456789";

    public static readonly string IdToken = TestJwt.IdToken();

    public static readonly IdTokenClaims IdClaims = new("user@example.com", "plus", "user-123", "acct_123");

    public static readonly DateTimeOffset LastRefresh = new DateTimeOffset(2026, 3, 24, 10, 11, 12, TimeSpan.Zero).AddTicks(1_234_560);

    /// <summary>A file as the browser login writes it, byte for byte what the serializer produces.</summary>
    public static readonly string TypicalChatGpt = Fill("""
        {
          "auth_mode": "chatgpt",
          "OPENAI_API_KEY": null,
          "tokens": {
            "id_token": "<ID_TOKEN>",
            "access_token": "<ACCESS_TOKEN>",
            "refresh_token": "<REFRESH_TOKEN>",
            "account_id": "acct_123"
          },
          "last_refresh": "2026-03-24T10:11:12.123456Z"
        }
        """);

    public static AuthRecord TypicalChatGptRecord() => new()
    {
        ExplicitMode = CredentialMode.ChatGpt,
        Tokens = new TokenData(IdToken, IdClaims, AccessToken, RefreshToken, "acct_123"),
        LastRefresh = LastRefresh,
    };

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>
    /// Substitutes the sample values for <c>&lt;ID_TOKEN&gt;</c>, <c>&lt;ACCESS_TOKEN&gt;</c>,
    /// <c>&lt;REFRESH_TOKEN&gt;</c> and <c>&lt;API_KEY&gt;</c>, so JSON templates stay plain raw strings.
    /// </summary>
    public static string Fill(string template) => template
        .Replace("<ID_TOKEN>", IdToken, StringComparison.Ordinal)
        .Replace("<ACCESS_TOKEN>", AccessToken, StringComparison.Ordinal)
        .Replace("<REFRESH_TOKEN>", RefreshToken, StringComparison.Ordinal)
        .Replace("<API_KEY>", ApiKey, StringComparison.Ordinal);
}
