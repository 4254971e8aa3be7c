using AppServer.Auth.Refresh;

namespace AppServer.Auth.Tests.Refresh;

public sealed class ErrorTextScrubberTests
{
    [Fact]
    public void Scrub_TextContainingSecret_RemovesEveryOccurrence()
    {
        // Act
        string scrubbed = ErrorTextScrubber.Scrub("a rt_secret b rt_secret c", "rt_secret");

        // Assert
        scrubbed.Should().Be("a [redacted] b [redacted] c");
    }

    [Fact]
    public void Scrub_TextContainingJsonEscapedSecret_RemovesIt()
    {
        // Arrange: System.Text.Json and most servers escape '+' and '<' inside strings.
        const string secret = "rt+abc<def";

        // Act
        string scrubbed = ErrorTextScrubber.Scrub("""{"detail":"rt\u002Babc\u003Cdef"}""", secret);

        // Assert
        scrubbed.Should().Be("""{"detail":"[redacted]"}""");
    }

    [Fact]
    public void Scrub_TextContainingJwt_RemovesIt()
    {
        // Arrange
        const string jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";

        // Act
        string scrubbed = ErrorTextScrubber.Scrub($"bad bearer {jwt} here", secret: null);

        // Assert
        scrubbed.Should().Be("bad bearer [redacted] here");
    }

    [Theory]
    [InlineData("eyJ. then eyJa.b.c!", "eyJ. then [redacted]!")]
    [InlineData("eyJa.b. eyJx-_9.y_.z-", "[redacted] [redacted]")]
    [InlineData("eyJa.b", "eyJa.b")]
    [InlineData("eyJ.b.c", "eyJ.b.c")]
    [InlineData("xeyJeyJa..c eyJeyJa.b.", "xeyJeyJa..c [redacted]")]
    public void Scrub_JwtShapes_AreTheLeftmostFullRuns(string text, string expected)
    {
        ErrorTextScrubber.Scrub(text, secret: null).Should().Be(expected);
    }

    [Fact]
    public void Scrub_ControlCharacters_AreFlattenedToSpaces()
    {
        // Act
        string scrubbed = ErrorTextScrubber.Scrub("line1\r\nFAKE LOG LINE\tx", "unused");

        // Assert
        scrubbed.Should().Be("line1  FAKE LOG LINE x");
    }

    [Fact]
    public void Scrub_SecretAcrossTruncationPoint_IsRemovedBeforeCutting()
    {
        // Arrange: the secret straddles character 200, so a cut-then-scrub would leak its head.
        const string secret = "rt_0123456789abcdefghij";
        string text = new string('x', 190) + secret + new string('y', 100);

        // Act
        string scrubbed = ErrorTextScrubber.Scrub(text, secret);

        // Assert
        scrubbed.Should().NotContain("rt_0123456789");
        scrubbed.Should().StartWith(new string('x', 190) + "[redacted]");
        scrubbed.Length.Should().Be(ErrorTextScrubber.MaxLength + 1);
    }

    [Fact]
    public void Scrub_LongTextEndingInSurrogatePair_DoesNotSplitIt()
    {
        // Arrange: an emoji occupies characters 199 and 200.
        string text = new string('x', 199) + "😀" + "tail";

        // Act
        string scrubbed = ErrorTextScrubber.Scrub(text, null);

        // Assert
        scrubbed.Should().Be(new string('x', 199) + "…");
    }

    [Fact]
    public void Scrub_EmptySecret_LeavesTextAlone()
    {
        ErrorTextScrubber.Scrub("  plain text  ", string.Empty).Should().Be("plain text");
    }
}
