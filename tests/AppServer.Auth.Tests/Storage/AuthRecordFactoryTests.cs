using AppServer.Auth.Storage;

namespace AppServer.Auth.Tests.Storage;

public sealed class AuthRecordFactoryTests
{
    [Fact]
    public void ForApiKey_Key_ProducesApiKeyModeWithNothingElse()
    {
        // Act
        AuthRecord record = AuthRecordFactory.ForApiKey("sk-test");

        // Assert
        record.Should().Be(new AuthRecord { ExplicitMode = CredentialMode.ApiKey, ApiKey = "sk-test" });
        record.Mode.Should().Be(CredentialMode.ApiKey);
        record.Tokens.Should().BeNull();
        record.LastRefresh.Should().BeNull();
        record.UnknownFields.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void ForApiKey_NullOrEmpty_Throws(string? key)
    {
        // Act
        Action create = () => AuthRecordFactory.ForApiKey(key!);

        // Assert
        create.Should().Throw<ArgumentException>();
    }
}
