using AppServer.Auth.Keyring;

namespace AppServer.Auth.Tests.Keyring;

public sealed class KeyringRsEntryTests
{
    [Fact]
    public void SecretServiceAttributes_AreKeyringRs36s()
    {
        KeyringRsEntry.SecretServiceAttributes("Codex Auth", "cli|k").Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["application"] = "rust-keyring",
            ["service"] = "Codex Auth",
            ["username"] = "cli|k",
            ["target"] = "default",
        });
    }

    [Fact]
    public void SecretServiceSearch_IsServiceAndUsernameOnly()
    {
        KeyringRsEntry.SecretServiceSearch("codex", "secrets|k").Keys.Should().BeEquivalentTo("service", "username");
    }

    [Fact]
    public void SecretServiceLabel_IsKeyringRs36s()
    {
        KeyringRsEntry.SecretServiceLabel("Codex Auth", "cli|k").Should().Be("cli|k@Codex Auth:default (keyring v3.6.3)");
    }
}
