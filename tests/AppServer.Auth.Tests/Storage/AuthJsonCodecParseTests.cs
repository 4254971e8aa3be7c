using System.Text.Json;
using AppServer.Auth.Jwt;
using AppServer.Auth.Storage;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Storage;

public sealed class AuthJsonCodecParseTests
{
    [Fact]
    public void Parse_TypicalChatGptFile_ReadsEveryField()
    {
        // Act
        AuthRecord record = AuthJsonCodec.Parse(AuthFiles.Utf8(AuthFiles.TypicalChatGpt));

        // Assert
        record.ExplicitMode.Should().Be(CredentialMode.ChatGpt);
        record.Mode.Should().Be(CredentialMode.ChatGpt);
        record.ApiKey.Should().BeNull();
        record.Tokens.Should().NotBeNull();
        record.Tokens!.IdToken.Should().Be(AuthFiles.IdToken);
        record.Tokens.IdClaims.Should().Be(AuthFiles.IdClaims);
        record.Tokens.AccessToken.Should().Be(AuthFiles.AccessToken);
        record.Tokens.RefreshToken.Should().Be(AuthFiles.RefreshToken);
        record.Tokens.AccountId.Should().Be("acct_123");
        record.Tokens.UnknownFields.Should().BeNull();
        record.LastRefresh.Should().Be(AuthFiles.LastRefresh);
        record.UnknownFields.Should().BeNull();
    }

    [Fact]
    public void Parse_TypicalChatGptFile_EqualsTheRecordItWasWrittenFrom()
    {
        // Act
        AuthRecord record = AuthJsonCodec.Parse(AuthFiles.Utf8(AuthFiles.TypicalChatGpt));

        // Assert
        record.Should().Be(AuthFiles.TypicalChatGptRecord());
    }

    [Fact]
    public void Parse_ApiKeyFile_ResolvesApiKeyModeWithoutTokens()
    {
        // Arrange
        string json = AuthFiles.Fill("""{"auth_mode":"apikey","OPENAI_API_KEY":"<API_KEY>"}""");

        // Act
        AuthRecord record = AuthJsonCodec.Parse(AuthFiles.Utf8(json));

        // Assert
        record.Should().Be(AuthRecordFactory.ForApiKey(AuthFiles.ApiKey));
        record.Mode.Should().Be(CredentialMode.ApiKey);
    }

    [Fact]
    public void Parse_LegacyFileWithKeyAndTokensButNoAuthMode_ResolvesToApiKey()
    {
        // Arrange (CORRUPT-13: not corrupt, docs/codex-compatibility.md §1.2 mode resolution)
        string json = AuthFiles.Fill("""
            {"OPENAI_API_KEY":"<API_KEY>","tokens":{"id_token":"<ID_TOKEN>","access_token":"a","refresh_token":"r","account_id":"acct_123"}}
            """);

        // Act
        AuthRecord record = AuthJsonCodec.Parse(AuthFiles.Utf8(json));

        // Assert
        record.ExplicitMode.Should().BeNull();
        record.Mode.Should().Be(CredentialMode.ApiKey);
        record.Tokens.Should().NotBeNull();
    }

    [Theory]
    [InlineData("null")]
    [InlineData("absent")]
    public void Parse_NullKeyNoAuthModeAndNullAccountId_ResolvesToChatGpt(string accountId)
    {
        // Arrange (CORRUPT-14: not corrupt)
        string accountMember = accountId == "null" ? ",\"account_id\":null" : string.Empty;
        string json = AuthFiles.Fill("""
            {"OPENAI_API_KEY":null,"tokens":{"id_token":"<ID_TOKEN>","access_token":"a","refresh_token":"r"@accountMember@}}
            """).Replace("@accountMember@", accountMember, StringComparison.Ordinal);

        // Act
        AuthRecord record = AuthJsonCodec.Parse(AuthFiles.Utf8(json));

        // Assert
        record.ExplicitMode.Should().BeNull();
        record.Mode.Should().Be(CredentialMode.ChatGpt);
        record.Tokens!.AccountId.Should().BeNull();
    }

    [Fact]
    public void Parse_EmptyObject_IsChatGptWithNothingElse()
    {
        // Act
        AuthRecord record = AuthJsonCodec.Parse("{}"u8);

        // Assert
        record.Should().Be(new AuthRecord());
        record.Mode.Should().Be(CredentialMode.ChatGpt);
    }

    [Fact]
    public void Parse_NullTokensAndNullLastRefresh_AreAbsent()
    {
        // Act
        AuthRecord record = AuthJsonCodec.Parse("""{"OPENAI_API_KEY":null,"tokens":null,"last_refresh":null}"""u8);

        // Assert
        record.Tokens.Should().BeNull();
        record.LastRefresh.Should().BeNull();
    }

    [Fact]
    public void Parse_EmptyRefreshToken_IsLoadedNotCorrupt()
    {
        // Arrange (CORRUPT-07: refusing to send "" is the refresh layer's job; the file itself is valid)
        string json = AuthFiles.Fill("""{"auth_mode":"chatgpt","tokens":{"id_token":"<ID_TOKEN>","access_token":"a","refresh_token":""}}""");

        // Act
        AuthRecord record = AuthJsonCodec.Parse(AuthFiles.Utf8(json));

        // Assert
        record.Tokens!.RefreshToken.Should().BeEmpty();
    }

    [Fact]
    public void Parse_Utf8Bom_IsAccepted()
    {
        // Arrange (CORRUPT-05: pinned choice — a BOM from a Windows editor does not log the user out)
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. AuthFiles.Utf8(AuthFiles.TypicalChatGpt)];

        // Act
        AuthRecord record = AuthJsonCodec.Parse(withBom);

        // Assert
        record.Should().Be(AuthFiles.TypicalChatGptRecord());
    }

    [Fact]
    public void Parse_IdTokenWithoutClaims_LoadsWithNullClaims()
    {
        // Arrange
        string json = """{"tokens":{"id_token":"@jwt@","access_token":"a","refresh_token":"r"}}"""
            .Replace("@jwt@", TestJwt.Create("{}"), StringComparison.Ordinal);

        // Act
        AuthRecord record = AuthJsonCodec.Parse(AuthFiles.Utf8(json));

        // Assert
        record.Tokens!.IdClaims.Should().Be(new IdTokenClaims(null, null, null, null));
    }

    [Fact]
    public void Parse_UnknownMembers_ArePreservedInOrderAndOutliveTheInput()
    {
        // Arrange
        byte[] input = AuthFiles.Utf8(AuthFiles.Fill("""
            {"zeta":1,"OPENAI_API_KEY":null,"alpha":{"nested":[1,"two",null]},"tokens":{"x_extra":"v","id_token":"<ID_TOKEN>","access_token":"a","refresh_token":"r","a_extra":true},"mid":"s"}
            """));

        // Act
        AuthRecord record = AuthJsonCodec.Parse(input);
        Array.Clear(input);

        // Assert
        record.UnknownFields!.Keys.Should().Equal("zeta", "alpha", "mid");
        record.UnknownFields["alpha"].GetRawText().Should().Be("""{"nested":[1,"two",null]}""");
        record.UnknownFields["zeta"].GetInt32().Should().Be(1);
        record.Tokens!.UnknownFields!.Keys.Should().Equal("x_extra", "a_extra");
        record.Tokens.UnknownFields["a_extra"].ValueKind.Should().Be(JsonValueKind.True);
    }

    [Fact]
    public void Parse_KnownNamesDifferingInCase_AreUnknownFields()
    {
        // Act
        AuthRecord record = AuthJsonCodec.Parse("""{"Auth_Mode":"apikey","openai_api_key":"x"}"""u8);

        // Assert
        record.ExplicitMode.Should().BeNull();
        record.ApiKey.Should().BeNull();
        record.UnknownFields!.Keys.Should().Equal("Auth_Mode", "openai_api_key");
    }

    [Theory]
    [InlineData("2026-03-24T10:11:12.123456789Z", 1_234_567)]
    [InlineData("2026-03-24T10:11:12.1234567Z", 1_234_567)]
    [InlineData("2026-03-24T10:11:12.123Z", 1_230_000)]
    [InlineData("2026-03-24T10:11:12Z", 0)]
    [InlineData("2026-03-24T12:11:12.5+02:00", 5_000_000)]
    public void Parse_LastRefreshPrecisions_ParseToTheSameInstantAt100Ns(string text, long fractionTicks)
    {
        // Arrange
        DateTimeOffset expected = new DateTimeOffset(2026, 3, 24, 10, 11, 12, TimeSpan.Zero).AddTicks(fractionTicks);

        // Act
        AuthRecord record = AuthJsonCodec.Parse(AuthFiles.Utf8($"{{\"last_refresh\":\"{text}\"}}"));

        // Assert
        record.LastRefresh.Should().Be(expected);
        record.LastRefresh!.Value.Offset.Should().Be(TimeSpan.Zero);
    }
}
