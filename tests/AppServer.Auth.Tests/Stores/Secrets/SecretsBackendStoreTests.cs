using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AppServer.Auth.Keyring;
using AppServer.Auth.Keyring.SecretService;
using AppServer.Auth.Storage;
using AppServer.Auth.Stores;
using AppServer.Auth.Stores.Secrets;
using AppServer.Auth.Stores.Secrets.Age;
using AppServer.Auth.Tests.TestSupport;
using AppServer.Testing;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Tests.Stores.Secrets;

/// <summary><see cref="SecretsBackendStore"/> with a real temp CODEX_HOME and a real Secret Service.</summary>
[Trait("Requires", "Linux")]
[UnsupportedOSPlatform("windows")]
public sealed class SecretsBackendStoreTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new();
    private readonly CapturingLogger<SecretsBackendStore> _log = new();
    private SecretServiceSession _session = null!;

    private string StoreKey => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_home.Path)))[..16];

    private string AgePath => _home.Combine("secrets", "codex_auth.age");

    public async Task InitializeAsync() => _session = await SecretServiceSession.StartAsync();

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Save_ThenLoad_ReturnsTheRecordFromAnAgeFileCodexCanRead()
    {
        SecretsBackendStore store = Store();
        AuthRecord record = AuthFiles.TypicalChatGptRecord();

        store.Save(record);

        store.Load().Should().BeOfType<AuthLoadResult.Loaded>().Which.Record.Should().BeEquivalentTo(record);
        string passphrase = (await Passphrase())!;
        Convert.FromBase64String(passphrase).Should().HaveCount(32);
        passphrase.Should().HaveLength(44);

        string plaintext = Encoding.UTF8.GetString(AgeFile.Decrypt(await File.ReadAllBytesAsync(AgePath), Encoding.UTF8.GetBytes(passphrase)));
        plaintext.Should().StartWith("{\"version\":1,\"secrets\":{\"global/CODEX_AUTH\":\"{\\\"auth_mode\\\":\\\"chatgpt\\\",\\\"OPENAI_API_KEY\\\":null,\\\"tokens\\\":{");
        using JsonDocument inner = JsonDocument.Parse(JsonDocument.Parse(plaintext).RootElement.GetProperty("secrets").GetProperty("global/CODEX_AUTH").GetString()!);
        inner.RootElement.GetProperty("tokens").GetProperty("refresh_token").GetString().Should().Be(AuthFiles.RefreshToken);
    }

    [Fact]
    public async Task Save_FileDecryptsWithDebianAgeAndTheKeyringPassphrase()
    {
        Store().Save(AuthFiles.TypicalChatGptRecord());
        string output = _home.Combine("plain.json");

        (int exit, string terminal) = await AgeCli.DecryptAsync(AgePath, output, (await Passphrase())!);

        exit.Should().Be(0, terminal);
        (await File.ReadAllTextAsync(output)).Should().Contain("global/CODEX_AUTH").And.Contain(AuthFiles.AccessToken);
    }

    [Fact]
    public void Save_FileIs0600InA0700Folder()
    {
        Directory.CreateDirectory(_home.Combine("secrets"));
        File.SetUnixFileMode(_home.Combine("secrets"), UnixPermissions.Mode0755); // as Codex leaves it

        Store().Save(AuthFiles.TypicalChatGptRecord());

        File.GetUnixFileMode(AgePath).Should().Be(UnixPermissions.Mode0600);
        File.GetUnixFileMode(_home.Combine("secrets")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _home.ListNames(_home.Combine("secrets")).Should().Equal("codex_auth.age");
    }

    [Fact]
    public async Task Save_Twice_KeepsThePassphrase()
    {
        SecretsBackendStore store = Store();
        store.Save(AuthFiles.TypicalChatGptRecord());
        string? first = await Passphrase();

        store.Save(AuthFiles.TypicalChatGptRecord() with { LastRefresh = DateTimeOffset.UnixEpoch });

        (await Passphrase()).Should().Be(first);
        (await _session.CountItemsAsync("service", "codex", "username", "secrets|" + StoreKey)).Should().Be(1);
    }

    [Fact]
    public async Task Save_ExistingPassphraseWithoutFile_IsReusedForSiblingFiles()
    {
        const string existing = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        await _session.StoreAsync("codex", existing, "service", "codex", "username", "secrets|" + StoreKey);

        Store().Save(AuthFiles.TypicalChatGptRecord());

        (await Passphrase()).Should().Be(existing);
        AgeFile.Decrypt(await File.ReadAllBytesAsync(AgePath), Encoding.UTF8.GetBytes(existing)).Should().NotBeEmpty();
    }

    [Fact]
    public async Task Save_KeepsOtherSecretsAndSiblingFiles()
    {
        const string passphrase = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        await _session.StoreAsync("codex", passphrase, "service", "codex", "username", "secrets|" + StoreKey);
        Directory.CreateDirectory(_home.Combine("secrets"));
        await File.WriteAllBytesAsync(AgePath, AgeFile.Encrypt(
            "{\"version\":1,\"secrets\":{\"global/OTHER_FEATURE\":\"keep me\",\"global/CODEX_AUTH\":\"{}\"}}"u8, Encoding.UTF8.GetBytes(passphrase), 10));
        byte[] sibling = RandomNumberGenerator.GetBytes(300);
        await File.WriteAllBytesAsync(_home.Combine("secrets", "local.age"), sibling);

        Store().Save(AuthFiles.TypicalChatGptRecord());

        string plaintext = Encoding.UTF8.GetString(AgeFile.Decrypt(await File.ReadAllBytesAsync(AgePath), Encoding.UTF8.GetBytes(passphrase)));
        JsonElement secrets = JsonDocument.Parse(plaintext).RootElement.GetProperty("secrets");
        secrets.GetProperty("global/OTHER_FEATURE").GetString().Should().Be("keep me");
        secrets.GetProperty("global/CODEX_AUTH").GetString().Should().Contain(AuthFiles.RefreshToken);
        (await File.ReadAllBytesAsync(_home.Combine("secrets", "local.age"))).Should().Equal(sibling);
    }

    [Fact]
    public async Task Save_RemovesAuthJsonButNotTheDirectEntry()
    {
        File.WriteAllText(_home.Combine("auth.json"), AuthFiles.TypicalChatGpt);
        await _session.StoreAsync("direct", "{}", "service", "Codex Auth", "username", "cli|" + StoreKey);

        Store().Save(AuthFiles.TypicalChatGptRecord());

        File.Exists(_home.Combine("auth.json")).Should().BeFalse();
        (await _session.LookupAsync("service", "Codex Auth", "username", "cli|" + StoreKey)).Should().Be("{}");
    }

    [Fact]
    public async Task Delete_RewritesEmptySecretsKeepsFileAndPassphraseAndRemovesTheOtherCopies()
    {
        SecretsBackendStore store = Store();
        store.Save(AuthFiles.TypicalChatGptRecord());
        string? passphrase = await Passphrase();
        File.WriteAllText(_home.Combine("auth.json"), AuthFiles.TypicalChatGpt);
        await _session.StoreAsync("direct", "{}", "service", "Codex Auth", "username", "cli|" + StoreKey);

        store.Delete().Should().BeTrue();

        AgeFile.Decrypt(await File.ReadAllBytesAsync(AgePath), Encoding.UTF8.GetBytes(passphrase!))
            .Should().Equal("{\"version\":1,\"secrets\":{}}"u8.ToArray());
        (await Passphrase()).Should().Be(passphrase);
        File.Exists(_home.Combine("auth.json")).Should().BeFalse();
        (await _session.LookupAsync("service", "Codex Auth", "username", "cli|" + StoreKey)).Should().BeNull();
        store.Load().Should().BeOfType<AuthLoadResult.Missing>();
        store.Delete().Should().BeFalse();
    }

    [Fact]
    public void Load_NoFile_IsMissing()
    {
        Store().Load().Should().BeOfType<AuthLoadResult.Missing>();
    }

    [Theory]
    [InlineData("{\"version\":0,\"secrets\":{\"global/CODEX_AUTH\":\"<AUTH>\"}}", true)]
    [InlineData("{\"secrets\":{\"global/CODEX_AUTH\":\"<AUTH>\"}}", true)]
    [InlineData("{\"version\":2,\"secrets\":{\"global/CODEX_AUTH\":\"<AUTH>\"}}", false)]
    public async Task Load_Versions_ZeroReadsAsOneNewerIsRefused(string template, bool loads)
    {
        string auth = JsonEncodedText.Encode(Encoding.UTF8.GetString(AuthJsonCodec.SerializeCompact(AuthFiles.TypicalChatGptRecord()))).ToString();
        await WriteAgeFile(template.Replace("<AUTH>", auth, StringComparison.Ordinal));

        AuthLoadResult result = Store().Load();

        if (loads)
        {
            result.Should().BeOfType<AuthLoadResult.Loaded>();
        }
        else
        {
            result.Should().BeOfType<AuthLoadResult.Corrupt>().Which.Reason.Should().Contain("version 2");
        }
    }

    [Fact]
    public async Task Load_WrongPassphrase_IsCorruptReportedOnceAndASaveNeverOverwritesIt()
    {
        await WriteAgeFile("{\"version\":1,\"secrets\":{\"global/OTHER\":\"x\"}}", writtenWith: "AQECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        byte[] before = await File.ReadAllBytesAsync(AgePath);
        SecretsBackendStore store = Store();

        AuthLoadResult first = store.Load();
        AuthLoadResult second = store.Load();

        first.Should().BeOfType<AuthLoadResult.Corrupt>().Which.Reason.Should().Contain("wrong passphrase");
        second.Should().Be(first);
        _log.Entries.Where(e => e.Level == LogLevel.Warning).Should().ContainSingle();

        FluentActions.Invoking(() => store.Save(AuthFiles.TypicalChatGptRecord()))
            .Should().Throw<IOException>().WithMessage("*is not overwritten*wrong passphrase*");
        FluentActions.Invoking(() => store.PrepareSave()).Should().Throw<IOException>();
        FluentActions.Invoking(() => store.Delete()).Should().Throw<IOException>().WithMessage("*is not overwritten*");
        (await File.ReadAllBytesAsync(AgePath)).Should().Equal(before);
        _home.ListNames(_home.Combine("secrets")).Should().Equal("codex_auth.age");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    public async Task Load_DamagedFile_IsCorruptAndASaveNeverOverwritesIt(string damage)
    {
        SecretsBackendStore store = Store();
        store.Save(AuthFiles.TypicalChatGptRecord());
        byte[] good = await File.ReadAllBytesAsync(AgePath);
        byte[] bad = damage == "garbage" ? RandomNumberGenerator.GetBytes(200) : good[..^5];
        await File.WriteAllBytesAsync(AgePath, bad);

        store.Load().Should().BeOfType<AuthLoadResult.Corrupt>().Which.Reason.Should().Contain("cannot be decrypted");
        FluentActions.Invoking(() => store.Save(AuthFiles.TypicalChatGptRecord())).Should().Throw<IOException>();

        (await File.ReadAllBytesAsync(AgePath)).Should().Equal(bad);
    }

    [Fact]
    public async Task Load_FileButNoPassphrase_IsCorruptNamingTheEntry()
    {
        Directory.CreateDirectory(_home.Combine("secrets"));
        await File.WriteAllBytesAsync(AgePath, AgeFile.Encrypt("{}"u8, "x"u8, 10));

        AuthLoadResult result = Store().Load();

        result.Should().BeOfType<AuthLoadResult.Corrupt>().Which.Reason.Should().Contain("codex/secrets|" + StoreKey);
    }

    [Fact]
    public async Task PrepareSave_CreatesAPreallocatedTempFileThatDisposeRemoves()
    {
        SecretsBackendStore store = Store();

        using (IPendingSave pending = store.PrepareSave())
        {
            string temp = _home.ListNames(_home.Combine("secrets")).Should().ContainSingle().Which;
            temp.Should().MatchRegex($@"^\.codex_auth\.age\.tmp-{Environment.ProcessId}-\d+$");
            File.GetUnixFileMode(_home.Combine("secrets", temp)).Should().Be(UnixPermissions.Mode0600);
        }

        _home.ListNames(_home.Combine("secrets")).Should().BeEmpty();
        (await Passphrase()).Should().NotBeNull("the passphrase is created when the save is prepared");
    }

    [Fact]
    public void PrepareSave_ThenCommit_WritesTheRecord()
    {
        SecretsBackendStore store = Store();

        using (IPendingSave pending = store.PrepareSave())
        {
            pending.Commit(AuthFiles.TypicalChatGptRecord());
        }

        store.Load().Should().BeOfType<AuthLoadResult.Loaded>();
        _home.ListNames(_home.Combine("secrets")).Should().Equal("codex_auth.age");
    }

    [Fact]
    public async Task PrepareSave_KeyringLocked_FailsBeforeAnythingIsWritten()
    {
        await _session.LockDefaultCollectionAsync();

        FluentActions.Invoking(() => Store().PrepareSave()).Should().Throw<KeyringException>().WithMessage("*locked*");

        Directory.Exists(_home.Combine("secrets")).Should().BeFalse();
    }

    [Fact]
    public async Task Load_KeyringLocked_IsCorruptNamingTheLock()
    {
        SecretsBackendStore store = Store();
        store.Save(AuthFiles.TypicalChatGptRecord());
        await _session.LockDefaultCollectionAsync();

        store.Load().Should().BeOfType<AuthLoadResult.Corrupt>().Which.Reason.Should().Contain("the keyring is locked");
    }

    private SecretsBackendStore Store() =>
        new(_home.Path, StoreKey, new SecretServiceKeyring(_session.BusAddress, _log), _log);

    private Task<string?> Passphrase() => _session.LookupAsync("service", "codex", "username", "secrets|" + StoreKey);

    private async Task WriteAgeFile(string plaintext, string writtenWith = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
    {
        await _session.StoreAsync("codex", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "service", "codex", "username", "secrets|" + StoreKey);
        Directory.CreateDirectory(_home.Combine("secrets"));
        await File.WriteAllBytesAsync(AgePath, AgeFile.Encrypt(Encoding.UTF8.GetBytes(plaintext), Encoding.UTF8.GetBytes(writtenWith), 10));
    }
}
