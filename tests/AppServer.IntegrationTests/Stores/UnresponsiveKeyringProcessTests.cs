using System.Diagnostics;
using System.Text.Json.Nodes;
using AppServer.IntegrationTests.Infrastructure;

namespace AppServer.IntegrationTests.Stores;

/// <summary>
/// A Secret Service that stops answering (its daemon SIGSTOPped: it keeps its bus name, so every call
/// waits) while a real server is running on it: every request is still answered, the credentials the
/// server holds stay current, and each mode does what it documents for a failing keyring.
/// </summary>
[Trait("Requires", "Linux")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnresponsiveKeyringProcessTests
{
    // Longer than the store poll (3 s) plus one keyring call's bound (5 s): the poller has run into
    // the silent keyring at least once while the client kept asking.
    private static readonly TimeSpan s_observation = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(ProcessStore.KeyringDirect)]
    [InlineData(ProcessStore.Auto)]
    public async Task KeyringStopsAnswering_StatusRequestsKeepBeingAnsweredWithTheHeldKey(ProcessStore store)
    {
        await using var home = await StoreHome.CreateAsync(store);
        var login = await CliRun.ExecAsync(home.Home.Path, home.Environment, "sk-frozen-1\n", "login", "--api-key", "-");
        login.ExitCode.Should().Be(0, login.Stderr);
        await using var server = ServerProcess.Start(home.Home.Path, home.Environment, "--log-level", "debug");
        await server.Client.InitializeAsync();
        (await StatusTokenAsync(server)).Should().Be("sk-frozen-1");

        await home.Session!.FreezeSecretServiceAsync();

        var watch = Stopwatch.StartNew();
        var answers = 0;
        while (watch.Elapsed < s_observation)
        {
            (await StatusTokenAsync(server)).Should().Be("sk-frozen-1", "a keyring that cannot be asked is no reason to drop the key this server holds");
            (await server.Client.CallAsync("getUserAgent")).Should().ContainKey("userAgent");
            answers++;
            await Task.Delay(500);
        }

        answers.Should().BeGreaterThan(5, "requests were answered all along, not only after the keyring's bound");
        while (await server.Client.TryNextNotificationAsync(TimeSpan.FromMilliseconds(200)) is { } notification)
        {
            notification["method"]!.GetValue<string>().Should().NotBe("account/updated", "nothing changed: the keyring only stopped answering");
        }
    }

    [Fact]
    public async Task KeyringModeLoginWhileKeyringIsSilent_FailsNamingTheCauseAndKeepsTheOldKey()
    {
        await using var home = await StoreHome.CreateAsync(ProcessStore.KeyringDirect);
        (await CliRun.ExecAsync(home.Home.Path, home.Environment, "sk-frozen-2\n", "login", "--api-key", "-")).ExitCode.Should().Be(0);
        await using var server = ServerProcess.Start(home.Home.Path, home.Environment);
        await server.Client.InitializeAsync();
        (await StatusTokenAsync(server)).Should().Be("sk-frozen-2", "the server has read the keyring before it goes silent");
        await home.Session!.FreezeSecretServiceAsync();

        var response = await server.Client.RequestAsync("account/login/start", new JsonObject { ["type"] = "apiKey", ["apiKey"] = "sk-frozen-new" });

        var message = response["error"]?["message"]?.GetValue<string>();
        message.Should().Contain("failed to write OAuth tokens to keyring").And.Contain("did not answer");
        message.Should().NotContain("sk-frozen");
        (await StatusTokenAsync(server)).Should().Be("sk-frozen-2");
        File.Exists(home.Home.AuthFile).Should().BeFalse("keyring mode never falls back to a file");
    }

    [Fact]
    public async Task AutoModeLoginWhileKeyringIsSilent_WarnsAndSavesToAuthJson()
    {
        await using var home = await StoreHome.CreateAsync(ProcessStore.Auto);
        await using var server = ServerProcess.Start(home.Home.Path, home.Environment);
        await server.Client.InitializeAsync();
        await home.Session!.FreezeSecretServiceAsync();

        await server.Client.CallAsync("account/login/start", new JsonObject { ["type"] = "apiKey", ["apiKey"] = "sk-frozen-3" });

        (await StatusTokenAsync(server)).Should().Be("sk-frozen-3");
        File.Exists(home.Home.AuthFile).Should().BeTrue("auto mode falls back to auth.json when the keyring fails");
        server.Stderr.Should().NotContain("sk-frozen-3");
    }

    private static async Task<string?> StatusTokenAsync(ServerProcess server)
    {
        var status = await server.Client.CallAsync("getAuthStatus", new JsonObject { ["includeToken"] = true });
        status["authMethod"]!.GetValue<string>().Should().Be("apikey");
        return status["authToken"]?.GetValue<string>();
    }
}
