using System.Text;
using System.Text.Json;
using AppServer.Auth.Storage;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Storage;

public sealed class AuthJsonCodecSerializeTests
{
    [Fact]
    public void Serialize_TypicalChatGptRecord_WritesExactUpstreamLayout()
    {
        // Act
        byte[] bytes = AuthJsonCodec.Serialize(AuthFiles.TypicalChatGptRecord());

        // Assert: key order, 2-space indent, \n line ends, no trailing newline, no BOM.
        Encoding.UTF8.GetString(bytes).Should().Be(AuthFiles.TypicalChatGpt.ReplaceLineEndings("\n"));
        bytes[0].Should().Be((byte)'{');
    }

    [Fact]
    public void Serialize_ApiKeyRecord_WritesModeAndKeyOnly_WithoutEscapingPlusOrNonAscii()
    {
        // Act
        string json = Encoding.UTF8.GetString(AuthJsonCodec.Serialize(AuthRecordFactory.ForApiKey(AuthFiles.ApiKey)));

        // Assert
        json.Should().Be(AuthFiles.Fill("""
            {
              "auth_mode": "apikey",
              "OPENAI_API_KEY": "<API_KEY>"
            }
            """).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Serialize_EmptyRecord_StillWritesNullApiKey()
    {
        // Act
        string json = Encoding.UTF8.GetString(AuthJsonCodec.Serialize(new AuthRecord()));

        // Assert
        json.Should().Be("{\n  \"OPENAI_API_KEY\": null\n}");
    }

    [Fact]
    public void Serialize_NullAccountId_WritesExplicitNull()
    {
        // Arrange
        AuthRecord record = AuthFiles.TypicalChatGptRecord() with
        {
            ExplicitMode = null,
            Tokens = AuthFiles.TypicalChatGptRecord().Tokens! with { AccountId = null },
        };

        // Act
        string json = Encoding.UTF8.GetString(AuthJsonCodec.Serialize(record));

        // Assert
        json.Should().Contain("\n    \"account_id\": null\n  },")
            .And.StartWith("{\n  \"OPENAI_API_KEY\": null,\n  \"tokens\": {");
    }

    [Fact]
    public void Serialize_NullAccountIdRecord_RoundTripsAsChatGptWithNullAccountId()
    {
        // Arrange
        string json = AuthFiles.Fill("""
            {"OPENAI_API_KEY":null,"tokens":{"id_token":"<ID_TOKEN>","access_token":"a","refresh_token":"r"}}
            """);

        // Act
        AuthRecord reread = AuthJsonCodec.Parse(AuthJsonCodec.Serialize(AuthJsonCodec.Parse(AuthFiles.Utf8(json))));

        // Assert
        reread.Mode.Should().Be(CredentialMode.ChatGpt);
        reread.Tokens!.AccountId.Should().BeNull();
    }

    [Fact]
    public void Serialize_AllKnownAndUnknownMembers_WritesExactKeyOrder()
    {
        // Arrange
        byte[] input = AuthFiles.Utf8(AuthFiles.Fill("""
            {"zeta":1,"last_refresh":"2026-03-24T10:11:12Z","tokens":{"x_extra":"v","account_id":"acct","refresh_token":"r","access_token":"a","id_token":"<ID_TOKEN>","a_extra":[true,null]},"alpha":{"nested":{"k":"v"}},"OPENAI_API_KEY":"k","auth_mode":"chatgpt","mid":"s"}
            """));

        // Act
        string json = Encoding.UTF8.GetString(AuthJsonCodec.Serialize(AuthJsonCodec.Parse(input)));

        // Assert
        json.Should().Be(AuthFiles.Fill("""
            {
              "auth_mode": "chatgpt",
              "OPENAI_API_KEY": "k",
              "tokens": {
                "id_token": "<ID_TOKEN>",
                "access_token": "a",
                "refresh_token": "r",
                "account_id": "acct",
                "x_extra": "v",
                "a_extra": [
                  true,
                  null
                ]
              },
              "last_refresh": "2026-03-24T10:11:12Z",
              "zeta": 1,
              "alpha": {
                "nested": {
                  "k": "v"
                }
              },
              "mid": "s"
            }
            """).ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(0L, "2026-03-24T10:11:12Z")]
    [InlineData(1_230_000L, "2026-03-24T10:11:12.123Z")]
    [InlineData(1_234_560L, "2026-03-24T10:11:12.123456Z")]
    [InlineData(1_234_567L, "2026-03-24T10:11:12.123456700Z")]
    [InlineData(10L, "2026-03-24T10:11:12.000001Z")]
    [InlineData(1L, "2026-03-24T10:11:12.000000100Z")]
    public void Serialize_LastRefresh_UsesFewestOf0369FractionalDigits(long fractionTicks, string expected)
    {
        // Arrange
        var record = new AuthRecord { LastRefresh = new DateTimeOffset(2026, 3, 24, 10, 11, 12, TimeSpan.Zero).AddTicks(fractionTicks) };

        // Act
        string json = Encoding.UTF8.GetString(AuthJsonCodec.Serialize(record));

        // Assert
        json.Should().Contain($"\"last_refresh\": \"{expected}\"");
    }

    [Fact]
    public void Serialize_LastRefreshWithOffset_WritesUtcWithZ()
    {
        // Arrange
        var record = new AuthRecord { LastRefresh = new DateTimeOffset(2026, 3, 24, 12, 11, 12, TimeSpan.FromHours(2)) };

        // Act
        string json = Encoding.UTF8.GetString(AuthJsonCodec.Serialize(record));

        // Assert
        json.Should().Contain("\"last_refresh\": \"2026-03-24T10:11:12Z\"");
    }

    [Fact]
    public void Serialize_NineDigitLastRefresh_IsStableAfterFirstRewrite()
    {
        // Arrange
        byte[] original = AuthFiles.Utf8("""{"last_refresh":"2026-03-24T10:11:12.123456789Z"}""");

        // Act
        byte[] first = AuthJsonCodec.Serialize(AuthJsonCodec.Parse(original));
        byte[] second = AuthJsonCodec.Serialize(AuthJsonCodec.Parse(first));

        // Assert: .NET holds 100 ns, so the last two digits become 00 once, then never change.
        Encoding.UTF8.GetString(first).Should().Contain("\"2026-03-24T10:11:12.123456700Z\"");
        second.Should().Equal(first);
    }

    public static TheoryData<string> RoundTripInputs() => new()
    {
        AuthFiles.TypicalChatGpt,
        AuthFiles.Fill("""{"auth_mode":"apikey","OPENAI_API_KEY":"<API_KEY>"}"""),
        AuthFiles.Fill("""{"OPENAI_API_KEY":"k","tokens":{"id_token":"<ID_TOKEN>","access_token":"a","refresh_token":"r","account_id":null}}"""),
        AuthFiles.Fill("""{"u":"\u00e9\u002B\n\t<>&'","n":[1.50,-0,1e3],"OPENAI_API_KEY":null,"tokens":{"id_token":"<ID_TOKEN>","access_token":"a","refresh_token":"r","t":{}}}"""),
        "\uFEFF{\"auth_mode\":\"chatgptAuthTokens\",\"last_refresh\":\"2026-03-24t10:11:12.1z\"}",
    };

    [Theory]
    [MemberData(nameof(RoundTripInputs))]
    public void Serialize_ParsedFile_IsDeterministicAndAFixpoint(string input)
    {
        // Act
        byte[] first = AuthJsonCodec.Serialize(AuthJsonCodec.Parse(AuthFiles.Utf8(input)));
        byte[] again = AuthJsonCodec.Serialize(AuthJsonCodec.Parse(AuthFiles.Utf8(input)));
        byte[] rewritten = AuthJsonCodec.Serialize(AuthJsonCodec.Parse(first));

        // Assert: equal snapshots serialize to equal bytes, which is what fingerprinting relies on.
        again.Should().Equal(first);
        rewritten.Should().Equal(first);
    }

    [Fact]
    public void Serialize_ThenParse_ReturnsAnEqualRecord()
    {
        // Arrange
        AuthRecord record = AuthFiles.TypicalChatGptRecord() with { ApiKey = AuthFiles.ApiKey };

        // Act
        AuthRecord reread = AuthJsonCodec.Parse(AuthJsonCodec.Serialize(record));

        // Assert
        reread.Should().Be(record);
    }

    [Fact]
    public void Serialize_UnknownFieldNamedLikeKnownMember_Throws()
    {
        // Arrange
        var record = new AuthRecord
        {
            UnknownFields = new Dictionary<string, JsonElement> { ["tokens"] = JsonDocument.Parse("1").RootElement.Clone() },
        };

        // Act
        Action serialize = () => AuthJsonCodec.Serialize(record);

        // Assert
        serialize.Should().Throw<ArgumentException>();
    }
}
