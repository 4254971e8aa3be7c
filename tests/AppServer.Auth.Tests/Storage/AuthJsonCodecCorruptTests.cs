using AppServer.Auth.Storage;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Storage;

public sealed class AuthJsonCodecCorruptTests
{
    public static TheoryData<string, byte[], string> CorruptFiles() => CorruptAuthFiles.All();

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Parse_CorruptContent_ThrowsWithSafeReason(string caseId, byte[] content, string expectedReason)
    {
        // Act
        Action parse = () => AuthJsonCodec.Parse(content);

        // Assert
        parse.Should().Throw<AuthFileFormatException>(caseId)
            .Which.Message.Should().Be(expectedReason, caseId);
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Parse_CorruptContent_ExceptionNeverCarriesSecrets(string caseId, byte[] content, string expectedReason)
    {
        // Act
        AuthFileFormatException exception = Assert.Throws<AuthFileFormatException>(() => AuthJsonCodec.Parse(content));

        // Assert: neither the message nor anything chained to it repeats a seeded secret.
        exception.ToString().Should().NotContain(AuthFiles.SecretMarker, caseId)
            .And.NotContain(AuthFiles.AccessToken)
            .And.NotContain(AuthFiles.RefreshToken)
            .And.NotContain(AuthFiles.ApiKey);
        exception.InnerException.Should().BeNull(expectedReason);
    }
}
