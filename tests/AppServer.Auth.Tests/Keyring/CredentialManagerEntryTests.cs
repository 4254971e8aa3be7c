using AppServer.Auth.Keyring;
using AppServer.Auth.Keyring.Windows;

namespace AppServer.Auth.Tests.Keyring;

/// <summary>
/// The platform-neutral half of the Windows Credential Manager keyring (the API itself is built
/// here, but runs only on Windows).
/// </summary>
public sealed class CredentialManagerEntryTests
{
    [Theory]
    [InlineData("Codex Auth", "cli|0123456789abcdef", "cli|0123456789abcdef.Codex Auth")]
    [InlineData("codex", "secrets|0123456789abcdef", "secrets|0123456789abcdef.codex")]
    public void TargetName_IsAccountDotService(string service, string account, string expected)
    {
        CredentialManagerEntry.TargetName(service, account).Should().Be(expected);
    }

    [Fact]
    public void EncodeBlob_IsUtf16LittleEndianAndRoundTrips()
    {
        byte[] blob = CredentialManagerEntry.EncodeBlob("a€");

        blob.Should().Equal(0x61, 0x00, 0xAC, 0x20);
        CredentialManagerEntry.DecodeBlob(blob).Should().Be("a€");
    }

    [Fact]
    public void EncodeBlob_AtTheCap_IsAccepted()
    {
        CredentialManagerEntry.EncodeBlob(new string('x', CredentialManagerEntry.MaxBlobBytes / 2))
            .Should().HaveCount(2560);
    }

    [Fact]
    public void EncodeBlob_OverTheCap_ThrowsAClearKeyringExceptionWithoutTheSecret()
    {
        string secret = "SECRET" + new string('x', 1275);

        KeyringException ex = FluentActions.Invoking(() => CredentialManagerEntry.EncodeBlob(secret))
            .Should().Throw<KeyringException>().Which;

        ex.Message.Should().Contain("2562 bytes").And.Contain("2560").And.Contain("secret_auth_storage");
        ex.Message.Should().NotContain("SECRET");
    }

    [Fact]
    public void EncodeBlob_SecretsBackendPassphrase_FitsEasily()
    {
        // The reason Codex moved Windows to the secrets backend: a 44-character passphrase is 88 bytes.
        CredentialManagerEntry.EncodeBlob(Convert.ToBase64String(new byte[32])).Should().HaveCount(88);
    }

    [Fact]
    public void DecodeBlob_OddLength_IsRefused()
    {
        FluentActions.Invoking(() => CredentialManagerEntry.DecodeBlob([0x61, 0x00, 0x62]))
            .Should().Throw<KeyringException>().WithMessage("*not a UTF-16 string*");
    }
}
