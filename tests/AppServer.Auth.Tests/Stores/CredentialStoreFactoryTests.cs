using AppServer.Auth.Config;
using AppServer.Auth.Keyring;
using AppServer.Auth.Storage;
using AppServer.Auth.Stores;
using AppServer.Auth.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppServer.Auth.Tests.Stores;

public sealed class CredentialStoreFactoryTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly InMemoryKeyring _keyring = new();
    private int _secretsBuilt;

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Create_Default_FileStoreWatchingAuthJson()
    {
        // Act
        var selection = Create(CodexConfig.Default);

        // Assert
        selection.Store.Should().BeOfType<AuthFileStore>();
        selection.WatchedFiles.Should().Equal(_home.Combine("auth.json"));
        selection.PollsStore.Should().BeFalse();
    }

    [Fact]
    public void Create_Keyring_DirectBackendUnderTheHomeKeyPolled()
    {
        // Act
        var selection = Create(new CodexConfig { StoreMode = CredentialStoreMode.Keyring, SecretAuthStorage = false });

        // Assert
        selection.Store.Should().BeOfType<KeyringCredentialStore>().Which.Account.Should().Be("cli|" + StoreKey.For(_home.Path));
        selection.PollsStore.Should().BeTrue();
        _secretsBuilt.Should().Be(0);
    }

    [Fact]
    public void Create_KeyringWithSecretAuthStorage_SecretsBackendWatchingTheAgeFile()
    {
        // Act
        var selection = Create(new CodexConfig { StoreMode = CredentialStoreMode.Keyring, SecretAuthStorage = true });

        // Assert
        _secretsBuilt.Should().Be(1);
        selection.Store.Should().BeOfType<EphemeralCredentialStore>("the test's secrets backend stands in for the real one");
        selection.WatchedFiles.Should().Equal(_home.Combine("secrets", "codex_auth.age"));
        selection.PollsStore.Should().BeFalse();
    }

    [Fact]
    public void Create_Auto_KeyringThenFileWatchingBoth()
    {
        // Act
        var selection = Create(new CodexConfig { StoreMode = CredentialStoreMode.Auto, SecretAuthStorage = false });

        // Assert
        selection.Store.Should().BeOfType<AutoCredentialStore>();
        selection.WatchedFiles.Should().Contain(_home.Combine("auth.json"));
        selection.PollsStore.Should().BeTrue();
    }

    [Fact]
    public void Create_AutoWithoutSessionBus_BehavesAsFile()
    {
        // Act
        var selection = Create(new CodexConfig { StoreMode = CredentialStoreMode.Auto }, hasSessionBus: false);

        // Assert
        selection.Store.Should().BeOfType<AuthFileStore>();
        selection.ConfiguredMode.Should().Be(CredentialStoreMode.Auto);
        selection.Note.Should().Contain("no keyring");
    }

    [Fact]
    public void Create_AutoWhereTheOsHasNoKeyring_BehavesAsFile()
    {
        // Act
        var selection = Create(new CodexConfig { StoreMode = CredentialStoreMode.Auto }, keyring: null);

        // Assert
        selection.Store.Should().BeOfType<AuthFileStore>();
    }

    [Fact]
    public void Create_KeyringWithoutSessionBus_SavesFailWithTheCause()
    {
        // Arrange
        var selection = Create(new CodexConfig { StoreMode = CredentialStoreMode.Keyring, SecretAuthStorage = false }, hasSessionBus: false);

        // Act
        var save = () => selection.Store.Save(AuthRecordFactory.ForApiKey("sk-x"));

        // Assert
        save.Should().Throw<KeyringException>().WithMessage("*no secret service provider or dbus session found");
        File.Exists(_home.Combine("auth.json")).Should().BeFalse();
        selection.Note.Should().Contain("saving will fail");
    }

    [Fact]
    public void Create_Ephemeral_NothingWatched()
    {
        // Act
        var selection = Create(new CodexConfig { StoreMode = CredentialStoreMode.Ephemeral });

        // Assert
        selection.Store.Should().BeOfType<EphemeralCredentialStore>();
        selection.WatchedFiles.Should().BeEmpty();
        selection.PollsStore.Should().BeFalse();
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("unix:path=/run/user/1/bus", null, true)]
    [InlineData("", "/nonexistent-runtime-dir", false)]
    [InlineData(null, null, false)]
    public void SessionBusPresent_FromEnvironment(string? address, string? runtimeDir, bool expected)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Arrange: a runtime dir with a bus socket stands in for a logged-in desktop session.
        using var runtime = new TempDirectory();
        if (address is null && runtimeDir is null && expected)
        {
            File.WriteAllText(runtime.Combine("bus"), string.Empty);
            runtimeDir = runtime.Path;
        }

        var environment = new Dictionary<string, string?> { ["DBUS_SESSION_BUS_ADDRESS"] = address, ["XDG_RUNTIME_DIR"] = runtimeDir };

        // Act + Assert
        KeyringAccess.SessionBusPresent(name => environment.GetValueOrDefault(name)).Should().Be(expected);
    }

    private CredentialStoreSelection Create(CodexConfig config, bool hasSessionBus = true, bool noKeyring = false) =>
        CredentialStoreFactory.Create(config, _home.Path, new KeyringAccess
        {
            Keyring = () => noKeyring ? null : _keyring,
            HasSessionBus = hasSessionBus,
            SecretsBackend = (_, key, _, _) =>
            {
                _secretsBuilt++;
                return new EphemeralCredentialStore(key);
            },
        }, NullLoggerFactory.Instance);

    private CredentialStoreSelection Create(CodexConfig config, IKeyring? keyring) =>
        Create(config, noKeyring: keyring is null);
}
