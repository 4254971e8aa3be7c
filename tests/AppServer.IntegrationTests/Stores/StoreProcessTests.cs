using AppServer.IntegrationTests.Infrastructure;

namespace AppServer.IntegrationTests.Stores;

/// <summary>The real executable in each credential store: where a login lands, its file modes, and what <c>status</c> says.</summary>
[Trait("Requires", "Linux")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoreProcessTests
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0700 = Mode0600 | UnixFileMode.UserExecute;

    [Theory]
    [MemberData(nameof(ProcessStores.All), MemberType = typeof(ProcessStores))]
    public async Task Login_ThenStatus_NamesTheStoreAndWhereTheKeyWasFound(ProcessStore store)
    {
        await using var home = await StoreHome.CreateAsync(store);

        var login = await CliRun.ExecAsync(home.Home.Path, home.Environment, "sk-status-1\n", "login", "--api-key", "-");
        var status = await CliRun.ExecAsync(home.Home.Path, home.Environment, null, "status");

        login.ExitCode.Should().Be(0, login.Stdout + login.Stderr);
        status.ExitCode.Should().Be(0, status.Stdout + status.Stderr);
        var expected = store switch
        {
            ProcessStore.File => $"store: file (found in {home.Home.AuthFile})",
            ProcessStore.Auto => "store: auto (found in the Secret Service)",
            ProcessStore.KeyringDirect => "store: keyring (found in the Secret Service)",
            _ => "store: keyring (found in ",
        };
        status.Stdout.Should().Contain(expected);
        status.Stdout.Should().NotContain("sk-status-1");
        File.Exists(home.Home.AuthFile).Should().Be(store == ProcessStore.File);
    }

    [Theory]
    [MemberData(nameof(ProcessStores.All), MemberType = typeof(ProcessStores))]
    public async Task Login_FilesWritten_Are0600InFolders0700(ProcessStore store)
    {
        await using var home = await StoreHome.CreateAsync(store);

        var login = await CliRun.ExecAsync(home.Home.Path, home.Environment, "sk-modes-1\n", "login", "--api-key", "-");

        login.ExitCode.Should().Be(0, login.Stdout + login.Stderr);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(home.Home.Path, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "config.toml"))
        {
            File.GetUnixFileMode(file).Should().Be(Mode0600, file);
        }

        foreach (var folder in Directory.EnumerateDirectories(home.Home.Path, "*", SearchOption.AllDirectories))
        {
            File.GetUnixFileMode(folder).Should().Be(Mode0700, folder);
        }

        if (store == ProcessStore.KeyringSecrets)
        {
            File.Exists(Path.Combine(home.Home.Path, "secrets", "codex_auth.age")).Should().BeTrue();
        }
    }

    [Fact]
    public async Task KeyringModeWithoutBus_LoginFailsWithTheCauseAndWritesNothing()
    {
        await using var home = await StoreHome.CreateAsync(ProcessStore.File);
        File.WriteAllText(Path.Combine(home.Home.Path, "config.toml"), ProcessStores.ConfigToml(ProcessStore.KeyringDirect));

        var login = await CliRun.ExecAsync(home.Home.Path, home.NoBus, "sk-nowhere\n", "login", "--api-key", "-");
        var status = await CliRun.ExecAsync(home.Home.Path, home.NoBus, null, "status");

        login.ExitCode.Should().NotBe(0);
        login.Stderr.Should().Contain("failed to write OAuth tokens to keyring: Platform secure storage failure: no secret service provider or dbus session found");
        File.Exists(home.Home.AuthFile).Should().BeFalse();
        status.Stdout.Should().Contain("store: keyring (no keyring is available: saving will fail");
    }

    [Fact]
    public async Task BrokenConfigToml_ReportedOnceWithLine_AndTheServerGoesOnWithDefaults()
    {
        await using var home = await StoreHome.CreateAsync(ProcessStore.File);
        File.WriteAllText(Path.Combine(home.Home.Path, "config.toml"), "model = \"x\"\ncli_auth_credentials_store = \"keyring\n");

        var login = await CliRun.ExecAsync(home.Home.Path, home.Environment, "sk-defaults\n", "login", "--api-key", "-");

        login.ExitCode.Should().Be(0, login.Stderr);
        login.Stderr.Should().Contain(Path.Combine(home.Home.Path, "config.toml") + ":2:");
        login.Stderr.Split('\n').Count(line => line.Contains("config.toml", StringComparison.Ordinal)).Should().Be(1);
        File.Exists(home.Home.AuthFile).Should().BeTrue("the defaults mean the file store");
    }
}
