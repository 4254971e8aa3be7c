using System.Text.Json.Nodes;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.IntegrationTests.Stores;
using AppServer.Testing;

namespace AppServer.IntegrationTests.Interop;

/// <summary>How Codex and AppServer share one CODEX_HOME in the interop tests.</summary>
public enum InteropMode
{
    File,
    KeyringDirect,
    KeyringSecrets,
    AutoWithBus,
    AutoWithoutBus,
}

/// <summary>
/// The real Codex CLI (npm <c>@openai/codex</c>, pinned) and the real <c>appserver</c> on one
/// CODEX_HOME, in every credential store: what one logs in, the other reads; what one logs out,
/// the other no longer sees. Keyring modes use a private Secret Service. Codex makes no network
/// connection for these verbs (checked with strace on every run).
/// </summary>
[Trait("Requires", "Linux")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CodexStoreInteropTests : IDisposable
{
    private readonly TempCodexHome _userHome = new();
    private readonly CodexCli _codex;

    public CodexStoreInteropTests()
    {
        _codex = new CodexCli(_userHome.Path);
    }

    public static TheoryData<InteropMode> Modes => [.. Enum.GetValues<InteropMode>()];

    public void Dispose() => _userHome.Dispose();

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task CodexLogsInWithApiKey_AppServerReadsIt(InteropMode mode)
    {
        await using var home = await StoreHome.CreateAsync(StoreOf(mode));
        var environment = EnvironmentOf(home, mode);
        const string key = "sk-codex-wrote-this-1";

        var login = await _codex.RunAsync(home.Home.Path, environment, key + "\n", "login", "--with-api-key");
        var status = await CliRun.ExecAsync(home.Home.Path, environment, null, "status", "--json");
        string? token;
        await using (var server = ServerProcess.Start(home.Home.Path, environment))
        {
            await server.Client.InitializeAsync();
            token = (await server.Client.CallAsync("getAuthStatus", new { includeToken = true }))["authToken"]?.GetValue<string>();
        }

        login.ExitCode.Should().Be(0, login.ToString());
        login.NetworkConnects.Should().BeEmpty();
        File.Exists(home.Home.AuthFile).Should().Be(WritesAuthJson(mode), "Codex keeps the key in auth.json only in file mode (or auto without a keyring)");
        status.ExitCode.Should().Be(0, status.Stdout + status.Stderr);
        var report = JsonNode.Parse(status.Stdout)!;
        report["authMethod"]!.GetValue<string>().Should().Be("apikey");
        report["store"]!["mode"]!.GetValue<string>().Should().Be(mode is InteropMode.File ? "file" : mode is InteropMode.AutoWithBus or InteropMode.AutoWithoutBus ? "auto" : "keyring");
        var foundIn = report["store"]!["foundIn"]!.GetValue<string>();
        if (WritesAuthJson(mode))
        {
            foundIn.Should().Be(home.Home.AuthFile);
        }
        else
        {
            foundIn.Should().NotContain("auth.json");
        }

        token.Should().Be(key);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task AppServerLogsInAndOut_CodexSeesBoth(InteropMode mode)
    {
        await using var home = await StoreHome.CreateAsync(StoreOf(mode));
        var environment = EnvironmentOf(home, mode);

        var login = await CliRun.ExecAsync(home.Home.Path, environment, "sk-appserver-wrote-this-2\n", "login", "--api-key", "-");
        var savedAuthJson = File.Exists(home.Home.AuthFile);
        var afterLogin = await _codex.RunAsync(home.Home.Path, environment, null, "login", "status");
        var logout = await CliRun.ExecAsync(home.Home.Path, environment, null, "logout");
        var afterLogout = await _codex.RunAsync(home.Home.Path, environment, null, "login", "status");

        login.ExitCode.Should().Be(0, login.Stdout + login.Stderr);
        savedAuthJson.Should().Be(WritesAuthJson(mode));
        afterLogin.ExitCode.Should().Be(0, afterLogin.ToString());
        (afterLogin.Stdout + afterLogin.Stderr).Should().Contain("API key");
        afterLogin.NetworkConnects.Should().BeEmpty();
        logout.ExitCode.Should().Be(0, logout.Stdout + logout.Stderr);
        afterLogout.ExitCode.Should().NotBe(0, afterLogout.ToString());
        (afterLogout.Stdout + afterLogout.Stderr).Should().Contain("Not logged in");
        afterLogout.NetworkConnects.Should().BeEmpty();
        File.Exists(home.Home.AuthFile).Should().BeFalse();
    }

    [Fact]
    public async Task KeyringModeWithoutBus_BothRefuseToSaveWithTheSameCause()
    {
        await using var home = await StoreHome.CreateAsync(ProcessStore.KeyringDirect);
        var environment = home.NoBus;

        var codex = await _codex.RunAsync(home.Home.Path, environment, "sk-nowhere\n", "login", "--with-api-key");
        var appserver = await CliRun.ExecAsync(home.Home.Path, environment, "sk-nowhere\n", "login", "--api-key", "-");

        const string cause = "no secret service provider or dbus session found";
        codex.ExitCode.Should().NotBe(0, codex.ToString());
        (codex.Stdout + codex.Stderr).Should().Contain(cause);
        appserver.ExitCode.Should().NotBe(0);
        appserver.Stderr.Should().Contain("failed to write OAuth tokens to keyring: Platform secure storage failure: " + cause);
        File.Exists(home.Home.AuthFile).Should().BeFalse();
        Directory.Exists(Path.Combine(home.Home.Path, "secrets")).Should().BeFalse();
    }

    private static ProcessStore StoreOf(InteropMode mode) => mode switch
    {
        InteropMode.File => ProcessStore.File,
        InteropMode.KeyringDirect => ProcessStore.KeyringDirect,
        InteropMode.KeyringSecrets => ProcessStore.KeyringSecrets,
        _ => ProcessStore.Auto,
    };

    private static IReadOnlyDictionary<string, string> EnvironmentOf(StoreHome home, InteropMode mode) =>
        mode == InteropMode.AutoWithoutBus ? home.NoBus : home.Environment;

    private static bool WritesAuthJson(InteropMode mode) => mode is InteropMode.File or InteropMode.AutoWithoutBus;
}
