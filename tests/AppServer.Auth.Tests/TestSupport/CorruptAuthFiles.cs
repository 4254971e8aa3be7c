using System.Text;

namespace AppServer.Auth.Tests.TestSupport;

/// <summary>The corrupt-file matrix (docs/failure-modes.md §3.5) as theory data: case id, file bytes, expected reason.</summary>
internal static class CorruptAuthFiles
{
    public static TheoryData<string, byte[], string> All() => new()
    {
        { "CORRUPT-01 empty", [], "empty file" },
        { "CORRUPT-02 whitespace", Utf8(" \r\n\t  \n"), "file contains only whitespace" },
        { "CORRUPT-02 BOM then whitespace", [0xEF, 0xBB, 0xBF, (byte)' '], "file contains only whitespace" },
        { "CORRUPT-03 open brace", Utf8("{"), "invalid JSON at line 1, byte 2" },
        { "CORRUPT-04 truncated in token", TruncatedInsideAccessToken(), "invalid JSON at line 6, byte 32" },
        { "CORRUPT-06 tokens is a string", Utf8("""{"OPENAI_API_KEY":null,"tokens":""}"""), "tokens is not an object or null" },
        { "CORRUPT-06 key is a number", Utf8("""{"OPENAI_API_KEY":42}"""), "OPENAI_API_KEY is not a string or null" },
        { "CORRUPT-06 last_refresh yesterday", Utf8(Tokens("""
            ,"last_refresh":"yesterday"
            """)), "last_refresh is not an RFC 3339 timestamp" },
        { "CORRUPT-06 last_refresh number", Utf8("""{"last_refresh":1774347072}"""), "last_refresh is not an RFC 3339 timestamp" },
        { "CORRUPT-06 last_refresh without zone", Utf8("""{"last_refresh":"2026-03-24T10:11:12"}"""), "last_refresh is not an RFC 3339 timestamp" },
        { "CORRUPT-06 auth_mode not a string", Utf8("""{"auth_mode":1}"""), "auth_mode is not a string" },
        { "CORRUPT-06 account_id number", Utf8(TokensWithAccountId("5")), "tokens.account_id is not a string or null" },
        { "CORRUPT-06 access_token null", Utf8(AuthFiles.Fill("""{"tokens":{"id_token":"<ID_TOKEN>","access_token":null,"refresh_token":"<REFRESH_TOKEN>"}}""")), "tokens.access_token is not a string" },
        { "CORRUPT-06 refresh_token missing", Utf8(AuthFiles.Fill("""{"tokens":{"id_token":"<ID_TOKEN>","access_token":"<ACCESS_TOKEN>"}}""")), "tokens.refresh_token is missing" },
        { "CORRUPT-06 id_token missing", Utf8(AuthFiles.Fill("""{"tokens":{"access_token":"<ACCESS_TOKEN>","refresh_token":"<REFRESH_TOKEN>"}}""")), "tokens.id_token is missing" },
        { "CORRUPT-08 unknown auth_mode", Utf8("""{"auth_mode":"foo"}"""), "unknown auth_mode" },
        { "CORRUPT-08 secret as auth_mode", Utf8(AuthFiles.Fill("""{"auth_mode":"<API_KEY>"}""")), "unknown auth_mode" },
        { "CORRUPT-08 wire spelling apiKey", Utf8("""{"auth_mode":"apiKey"}"""), "unknown auth_mode 'apiKey' (values are case-sensitive)" },
        { "CORRUPT-09 duplicate top-level key", Utf8(Tokens(",\"tokens\":null")), "duplicate key 'tokens'" },
        { "CORRUPT-09 duplicate token key", Utf8(AuthFiles.Fill("""{"tokens":{"id_token":"<ID_TOKEN>","access_token":"<ACCESS_TOKEN>","access_token":"<ACCESS_TOKEN>x","refresh_token":"r"}}""")), "duplicate key 'tokens.access_token'" },
        { "CORRUPT-09 duplicate in unknown member", Utf8(AuthFiles.Fill("""{"extra":{"<API_KEY>":1,"<API_KEY>":2}}""")), "duplicate key in an unrecognised member" },
        { "CORRUPT-10 id_token not a JWT", Utf8(AuthFiles.Fill("""{"tokens":{"id_token":"id-SECRET-opaque","access_token":"<ACCESS_TOKEN>","refresh_token":"<REFRESH_TOKEN>"}}""")), "tokens.id_token is not a JWT" },
        { "CORRUPT-11 random binary", RandomBytes(), "file is not valid UTF-8" },
        { "top level is an array", Utf8("[]"), "top level is not a JSON object" },
        { "top level is a string", Utf8(AuthFiles.Fill("""
            "<API_KEY>"
            """)), "top level is not a JSON object" },
        { "trailing garbage", Utf8("""{"OPENAI_API_KEY":null} x"""), "invalid JSON at line 1, byte 25" },
        { "comment", Utf8("""{"OPENAI_API_KEY":null /* note */}"""), "invalid JSON at line 1, byte 24" },
    };

    /// <summary>The typical file cut off in the middle of the access token, as a crash mid-write leaves it.</summary>
    private static byte[] TruncatedInsideAccessToken()
    {
        string text = AuthFiles.TypicalChatGpt;
        return Utf8(text[..(text.IndexOf(AuthFiles.AccessToken, StringComparison.Ordinal) + 10)]);
    }

    private static string Tokens(string extraTopLevel) => AuthFiles.Fill("""
        {"tokens":{"id_token":"<ID_TOKEN>","access_token":"<ACCESS_TOKEN>","refresh_token":"<REFRESH_TOKEN>"}@extraTopLevel@}
        """).Replace("@extraTopLevel@", extraTopLevel, StringComparison.Ordinal);

    private static string TokensWithAccountId(string accountIdJson) => AuthFiles.Fill("""
        {"tokens":{"id_token":"<ID_TOKEN>","access_token":"<ACCESS_TOKEN>","refresh_token":"<REFRESH_TOKEN>","account_id":@accountIdJson@}}
        """).Replace("@accountIdJson@", accountIdJson, StringComparison.Ordinal);

    private static byte[] RandomBytes()
    {
        // Fixed seed: the same "random" file on every run, so a failure reproduces.
        byte[] bytes = new byte[512];
        new Random(20260324).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
