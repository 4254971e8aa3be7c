using System.Text.Json;
using AppServer.Auth.Jwt;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Jwt;

public sealed class JwtReaderTests
{
    [Fact]
    public void TryReadPayload_ValidJwt_ReturnsPayloadObject()
    {
        // Arrange
        string jwt = TestJwt.Create("""{"sub":"abc","n":1}""");

        // Act
        bool ok = JwtReader.TryReadPayload(jwt, out JsonElement payload);

        // Assert
        ok.Should().BeTrue();
        payload.ValueKind.Should().Be(JsonValueKind.Object);
        payload.GetProperty("sub").GetString().Should().Be("abc");
    }

    [Fact]
    public void TryReadPayload_PaddedPayload_IsTolerated()
    {
        // Arrange: {"a":1} is 7 bytes, so padded base64 ends in "==".
        string payload = TestJwt.Encode("""{"a":1}""");
        string jwt = $"h.{payload}==.sig";

        // Act
        bool ok = JwtReader.TryReadPayload(jwt, out JsonElement element);

        // Assert
        ok.Should().BeTrue();
        element.GetProperty("a").GetInt32().Should().Be(1);
    }

    [Fact]
    public void TryReadPayload_LaterReads_DoNotDisturbAnEarlierPayload()
    {
        // Arrange: a payload that borrowed the parser's pooled buffer would be overwritten by the next read.
        JwtReader.TryReadPayload(TestJwt.Create("""{"k":"first"}"""), out JsonElement first).Should().BeTrue();

        // Act
        JwtReader.TryReadPayload(TestJwt.Create("""{"k":"second","x":"padding to reuse the buffer"}"""), out _).Should().BeTrue();

        // Assert
        first.GetProperty("k").GetString().Should().Be("first");
    }

    public static TheoryData<string?, string> MalformedJwts()
    {
        string goodPayload = TestJwt.Encode("""{"a":1}""");
        return new TheoryData<string?, string>
        {
            { null, "null" },
            { string.Empty, "empty" },
            { "not-a-jwt", "one segment" },
            { $"h.{goodPayload}", "two segments" },
            { $"h.{goodPayload}.sig.extra", "four segments" },
            { $".{goodPayload}.sig", "empty header" },
            { "h..sig", "empty payload" },
            { $"h.{goodPayload}.", "empty signature" },
            { "h.!!!!.sig", "payload not base64" },
            { "h.a+b/.sig", "standard base64 alphabet, not base64url" },
            { "h.a b c.sig", "whitespace in payload" },
            { "h.Y.sig", "impossible base64 length" },
            { $"h.{goodPayload}===.sig", "too much padding" },
            { $"h.{TestJwt.Encode("not json")}.sig", "payload not JSON" },
            { $"h.{TestJwt.Encode("[1,2]")}.sig", "payload is an array" },
            { $"h.{TestJwt.Encode("\"text\"")}.sig", "payload is a string" },
            { $"h.{TestJwt.Encode("{\"a\":")}.sig", "payload truncated JSON" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedJwts))]
    public void TryReadPayload_Malformed_ReturnsFalse(string? jwt, string because)
    {
        // Act
        bool ok = JwtReader.TryReadPayload(jwt, out JsonElement payload);

        // Assert
        ok.Should().BeFalse(because);
        payload.ValueKind.Should().Be(JsonValueKind.Undefined);
    }
}
