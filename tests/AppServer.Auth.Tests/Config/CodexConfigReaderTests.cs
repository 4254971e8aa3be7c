using AppServer.Auth.Config;
using AppServer.Auth.Stores;
using AppServer.Auth.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Tests.Config;

public sealed class CodexConfigReaderTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly CapturingLogger<CodexConfig> _logger = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Read_NoFile_DefaultsWithoutReport()
    {
        // Act
        var config = CodexConfigReader.Read(_home.Path, _logger);

        // Assert
        config.Should().Be(CodexConfig.Default);
        config.StoreMode.Should().Be(CredentialStoreMode.File);
        _logger.Entries.Should().BeEmpty();
    }

    [Theory]
    [InlineData("file", nameof(CredentialStoreMode.File))]
    [InlineData("keyring", nameof(CredentialStoreMode.Keyring))]
    [InlineData("auto", nameof(CredentialStoreMode.Auto))]
    [InlineData("ephemeral", nameof(CredentialStoreMode.Ephemeral))]
    public void Read_StoreMode_EachValueCodexKnows(string value, string expected)
    {
        // Arrange
        Write($"cli_auth_credentials_store = \"{value}\"\n");

        // Act
        var config = CodexConfigReader.Read(_home.Path, _logger);

        // Assert
        config.StoreMode.Should().Be(Enum.Parse<CredentialStoreMode>(expected));
        _logger.Entries.Should().BeEmpty();
    }

    [Fact]
    public void Read_RealisticFile_TablesCommentsEscapesAndMultiLineStrings()
    {
        // Arrange: the settings sit between tables, comments, escapes and multi-line strings that a
        // line-based reader would trip over.
        Write(""""
            # Codex configuration
            model = "gpt-5"   # trailing comment with "quotes" and = signs
            instructions = '''
            [features]
            cli_auth_credentials_store = "ephemeral"
            '''
            notes = "tab\there \"quoted\" \u00e9"
            cli_auth_credentials_store = 'keyring' # literal string
            forced_login_method = "chatgpt"
            forced_chatgpt_workspace_id = "ws-\u0031\"x"
            banner = """
            multi
            line = "not a key"
            """

            [profiles.work]
            cli_auth_credentials_store = "file"
            model = "o3"

            [mcp_servers.docs]
            command = "npx"
            args = ["-y", "docs-server"]
            env = { TOKEN = "x" }

            [features]
            # secret_auth_storage = false
            secret_auth_storage = true

            [[profiles.list]]
            cli_auth_credentials_store = "auto"
            """");

        // Act
        var config = CodexConfigReader.Read(_home.Path, _logger);

        // Assert
        config.StoreMode.Should().Be(CredentialStoreMode.Keyring);
        config.SecretAuthStorage.Should().BeTrue();
        config.ForcedLoginMethod.Should().Be("chatgpt");
        config.ForcedChatGptWorkspaceId.Should().Be("ws-1\"x");
        _logger.Entries.Should().BeEmpty();
    }

    [Theory]
    [InlineData("features.secret_auth_storage = true\n")]
    [InlineData("features = { secret_auth_storage = true }\n")]
    [InlineData("[features]\nsecret_auth_storage = true\n")]
    public void Read_FeatureFlag_DottedInlineOrTable(string toml)
    {
        // Arrange
        Write(toml);

        // Act
        var config = CodexConfigReader.Read(_home.Path, _logger);

        // Assert
        config.SecretAuthStorage.Should().BeTrue();
    }

    [Fact]
    public void Read_FeatureFlagOff_OverridesThePlatformDefault()
    {
        // Arrange
        Write("[features]\nsecret_auth_storage = false\n");

        // Act
        var config = CodexConfigReader.Read(_home.Path, _logger);

        // Assert
        config.SecretAuthStorage.Should().BeFalse();
    }

    [Fact]
    public void Read_BrokenFile_DefaultsAndOneReportNamingFileAndLine()
    {
        // Arrange: line 3 has an unterminated string.
        Write("cli_auth_credentials_store = \"keyring\"\nmodel = \"gpt-5\"\nbroken = \"no end\n[features]\nsecret_auth_storage = true\n");

        // Act
        var config = CodexConfigReader.Read(_home.Path, _logger);

        // Assert
        config.Should().Be(CodexConfig.Default);
        var report = _logger.Entries.Should().ContainSingle().Subject;
        report.Level.Should().Be(LogLevel.Warning);
        report.Message.Should().StartWith($"{_home.Combine("config.toml")}:3: ").And.Contain("default settings");
    }

    [Fact]
    public void Read_DuplicateKey_IsABrokenFile()
    {
        // Arrange
        Write("cli_auth_credentials_store = \"keyring\"\ncli_auth_credentials_store = \"file\"\n");

        // Act
        var config = CodexConfigReader.Read(_home.Path, _logger);

        // Assert
        config.Should().Be(CodexConfig.Default);
        _logger.Entries.Should().ContainSingle().Which.Message.Should().Contain("config.toml:2:");
    }

    [Fact]
    public void Read_UnknownStoreMode_DefaultForThatSettingAndReportWithLine()
    {
        // Arrange
        Write("forced_login_method = \"api\"\n\ncli_auth_credentials_store = \"keychain\"\n");

        // Act
        var config = CodexConfigReader.Read(_home.Path, _logger);

        // Assert
        config.StoreMode.Should().Be(CredentialStoreMode.File);
        config.ForcedLoginMethod.Should().Be("api");
        _logger.Entries.Should().ContainSingle().Which.Message.Should().Contain("config.toml:3:").And.Contain("\"keychain\"");
    }

    [Fact]
    public void Read_WrongValueType_DefaultForThatSettingAndReport()
    {
        // Arrange
        Write("[features]\nsecret_auth_storage = \"yes\"\n");

        // Act
        var config = CodexConfigReader.Read(_home.Path, _logger);

        // Assert
        config.SecretAuthStorage.Should().Be(CodexConfig.Default.SecretAuthStorage);
        _logger.Entries.Should().ContainSingle().Which.Message.Should().Contain("config.toml:2:").And.Contain("true or false");
    }

    [Fact]
    public void LoginPolicy_From_ReadsTheForcedSettings()
    {
        // Arrange
        Write("forced_login_method = \"api\"\nforced_chatgpt_workspace_id = \"\"\n");

        // Act
        var policy = LoginPolicy.From(CodexConfigReader.Read(_home.Path, _logger));

        // Assert
        policy.Should().Be(new LoginPolicy(ForcedLoginMethod.Api, null));
    }

    private void Write(string toml) => File.WriteAllText(_home.Combine("config.toml"), toml);
}
