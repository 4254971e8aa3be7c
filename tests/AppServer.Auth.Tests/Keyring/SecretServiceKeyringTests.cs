using System.Diagnostics;
using System.Runtime.Versioning;
using AppServer.Auth.Keyring;
using AppServer.Auth.Keyring.SecretService;
using AppServer.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppServer.Auth.Tests.Keyring;

/// <summary>
/// <see cref="SecretServiceKeyring"/> against a real gnome-keyring on a private bus, checked with
/// libsecret's own <c>secret-tool</c>: what one writes, the other reads.
/// </summary>
[Trait("Requires", "Linux")]
[UnsupportedOSPlatform("windows")]
public sealed class SecretServiceKeyringTests : IAsyncLifetime
{
    private const string Service = "Codex Auth";
    private const string Account = "cli|0123456789abcdef";
    private const string Secret = "{\"auth_mode\":\"apikey\",\"OPENAI_API_KEY\":\"sk-test-secret\"}";

    private SecretServiceSession _session = null!;

    public async Task InitializeAsync() => _session = await SecretServiceSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    private SecretServiceKeyring Keyring(TimeSpan? timeout = null) =>
        new(_session.BusAddress, NullLogger.Instance, timeout);

    [Fact]
    public async Task Write_ReadBySecretTool_FindsTheSecretUnderCodexsAttributes()
    {
        Keyring().Write(Service, Account, Secret);

        (await _session.LookupAsync("service", Service, "username", Account)).Should().Be(Secret);
        (await _session.LookupAsync("application", "rust-keyring", "service", Service, "username", Account, "target", "default"))
            .Should().Be(Secret);
        string search = await _session.SearchAsync("service", Service, "username", Account);
        search.Should().Contain($"label = {Account}@{Service}:default (keyring v3.6.3)");
    }

    [Fact]
    public async Task Read_EntryStoredBySecretTool_ReturnsIt()
    {
        await _session.StoreAsync("stored elsewhere", Secret, "application", "rust-keyring", "service", Service, "username", Account, "target", "default");

        Keyring().Read(Service, Account).Should().Be(Secret);
    }

    [Fact]
    public async Task Read_EntryWithOnlyServiceAndUsername_ReturnsIt()
    {
        await _session.StoreAsync("third party", Secret, "service", Service, "username", Account);

        Keyring().Read(Service, Account).Should().Be(Secret);
    }

    [Fact]
    public void Read_NothingStored_ReturnsNull()
    {
        Keyring().Read(Service, Account).Should().BeNull();
    }

    [Fact]
    public async Task Read_OtherAccount_IsNotConfusedWithThisOne()
    {
        await _session.StoreAsync("other", Secret, "service", Service, "username", "cli|ffffffffffffffff");

        Keyring().Read(Service, Account).Should().BeNull();
    }

    [Fact]
    public async Task Delete_EntryWrittenByKeyring_SecretToolFindsNothing()
    {
        SecretServiceKeyring keyring = Keyring();
        keyring.Write(Service, Account, Secret);

        keyring.Delete(Service, Account).Should().BeTrue();

        (await _session.LookupAsync("service", Service, "username", Account)).Should().BeNull();
        keyring.Delete(Service, Account).Should().BeFalse();
    }

    [Fact]
    public async Task SecretToolClear_EntryWrittenByKeyring_ReadReturnsNull()
    {
        SecretServiceKeyring keyring = Keyring();
        keyring.Write(Service, Account, Secret);

        await _session.ClearAsync("service", Service, "username", Account);

        keyring.Read(Service, Account).Should().BeNull();
    }

    [Fact]
    public async Task Delete_EntryStoredBySecretTool_RemovesIt()
    {
        await _session.StoreAsync("stored elsewhere", Secret, "service", Service, "username", Account);

        Keyring().Delete(Service, Account).Should().BeTrue();

        (await _session.LookupAsync("service", Service, "username", Account)).Should().BeNull();
    }

    [Fact]
    public async Task Write_Twice_ReplacesAndKeepsOneItem()
    {
        SecretServiceKeyring keyring = Keyring();
        keyring.Write(Service, Account, "first");
        keyring.Write(Service, Account, Secret);

        (await _session.CountItemsAsync("service", Service, "username", Account)).Should().Be(1);
        keyring.Read(Service, Account).Should().Be(Secret);
    }

    [Fact]
    public async Task Write_OverThirdPartyItem_LeavesOneItemWithTheNewSecret()
    {
        await _session.StoreAsync("third party", "old", "service", Service, "username", Account);

        Keyring().Write(Service, Account, Secret);

        (await _session.CountItemsAsync("service", Service, "username", Account)).Should().Be(1);
        (await _session.LookupAsync("service", Service, "username", Account)).Should().Be(Secret);
    }

    [Fact]
    public async Task AnyOperation_CollectionLocked_ThrowsLockedWithoutPrompting()
    {
        SecretServiceKeyring keyring = Keyring();
        keyring.Write(Service, Account, Secret);
        await _session.LockDefaultCollectionAsync();

        AssertFails(() => keyring.Read(Service, Account), "the keyring is locked");
        AssertFails(() => keyring.Write(Service, Account, Secret), "the keyring is locked");
        AssertFails(() => keyring.Delete(Service, Account), "the keyring is locked");
    }

    [Fact]
    public async Task Read_NothingStoredButCollectionLocked_ThrowsLockedRatherThanNull()
    {
        await _session.LockDefaultCollectionAsync();

        AssertFails(() => Keyring().Read(Service, Account), "the keyring is locked");
    }

    [Fact]
    public async Task AnyOperation_SecretServiceNeverAnswers_ThrowsWithinTheBound()
    {
        TimeSpan bound = TimeSpan.FromMilliseconds(500);
        SecretServiceKeyring keyring = Keyring(bound);
        await _session.FreezeSecretServiceAsync();

        var clock = Stopwatch.StartNew();
        AssertFails(() => keyring.Read(Service, Account), "the Secret Service did not answer within 500 ms");
        AssertFails(() => keyring.Write(Service, Account, Secret), "did not answer");
        AssertFails(() => keyring.Delete(Service, Account), "did not answer");

        // "Does not hang": three operations, each well within ten times its bound.
        clock.Elapsed.Should().BeLessThan(bound * 30);
    }

    private static void AssertFails(Action operation, string cause)
    {
        KeyringException ex = operation.Should().Throw<KeyringException>().Which;
        ex.Message.Should().Contain(cause);
        ex.Message.Should().NotContain("sk-test-secret");
    }
}

/// <summary>The Secret Service keyring where there is no Secret Service, or no bus at all.</summary>
[Trait("Requires", "Linux")]
[UnsupportedOSPlatform("windows")]
public sealed class SecretServiceKeyringUnavailableTests
{
    [Fact]
    public async Task AnyOperation_NoSecretServiceOnTheBus_ThrowsNamingIt()
    {
        await using SecretServiceSession session = await SecretServiceSession.StartBusOnlyAsync();
        var keyring = new SecretServiceKeyring(session.BusAddress, NullLogger.Instance);

        var clock = Stopwatch.StartNew();
        foreach (Action operation in Operations(keyring))
        {
            operation.Should().Throw<KeyringException>().WithMessage("*no Secret Service (org.freedesktop.secrets) on the D-Bus session bus*");
        }

        clock.Elapsed.Should().BeLessThan(SecretServiceKeyring.DefaultTimeout * 10);
    }

    [Fact]
    public void AnyOperation_NoBusAddress_ThrowsNoSessionBus()
    {
        var keyring = new SecretServiceKeyring(busAddress: null, NullLogger.Instance);

        foreach (Action operation in Operations(keyring))
        {
            operation.Should().Throw<KeyringException>().WithMessage("no D-Bus session bus*");
        }
    }

    [Fact]
    public void AnyOperation_BusSocketMissing_ThrowsCannotConnect()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"appserver-no-bus-{Guid.NewGuid():N}", "bus");
        var keyring = new SecretServiceKeyring($"unix:path={missing}", NullLogger.Instance);

        var clock = Stopwatch.StartNew();
        foreach (Action operation in Operations(keyring))
        {
            operation.Should().Throw<KeyringException>().WithMessage("cannot connect to the D-Bus session bus*");
        }

        clock.Elapsed.Should().BeLessThan(SecretServiceKeyring.DefaultTimeout * 10);
    }

    [Fact]
    public void PlatformKeyring_OnLinux_IsTheSecretService()
    {
        PlatformKeyring.ForCurrentOs(NullLoggerFactory.Instance)!.Name.Should().Be("Secret Service");
    }

    private static IEnumerable<Action> Operations(IKeyring keyring) =>
    [
        () => keyring.Read("Codex Auth", "cli|0123456789abcdef"),
        () => keyring.Write("Codex Auth", "cli|0123456789abcdef", "sk-test-secret"),
        () => keyring.Delete("Codex Auth", "cli|0123456789abcdef"),
    ];
}
