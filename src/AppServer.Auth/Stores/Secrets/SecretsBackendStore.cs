using System.Security.Cryptography;
using System.Text;
using AppServer.Auth.Keyring;
using AppServer.Auth.Platform;
using AppServer.Auth.Storage;
using AppServer.Auth.Stores.Secrets.Age;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Stores.Secrets;

/// <summary>
/// Codex's secrets backend (<c>[features] secret_auth_storage</c>): the credentials, as the compact
/// <c>auth.json</c> JSON, live in <c>$CODEX_HOME/secrets/codex_auth.age</c> under the secret
/// <c>global/CODEX_AUTH</c>; the age passphrase lives in the keyring (service <c>codex</c>, account
/// <c>secrets|{k}</c>), created on the first write and then kept, because sibling files encrypted by
/// other Codex features share it. Differences from Codex, on purpose: the file is <c>0600</c> in a
/// <c>0700</c> folder (Codex leaves <c>0644</c>/<c>0755</c>), and a file that cannot be decrypted is
/// never overwritten: it may hold other features' secrets, and losing them silently is worse than
/// refusing a save. Thread-safe.
/// </summary>
internal sealed class SecretsBackendStore : ICredentialStore
{
    /// <summary>The keyring service of the passphrase entry.</summary>
    public const string PassphraseService = "codex";

    /// <summary>The keyring service of the direct backend's entry, which a logout also removes.</summary>
    public const string DirectService = "Codex Auth";

    /// <summary>The secret that holds the credentials.</summary>
    public const string AuthSecretName = "global/CODEX_AUTH";

    /// <summary>Larger files are refused unread: a few secrets are a few KiB.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;


    private readonly string _codexHome;
    private readonly IKeyring _keyring;
    private readonly ILogger _logger;
    private readonly Lock _writeGate = new();
    private readonly CorruptFileReports _reports;

    public SecretsBackendStore(string codexHome, string storeKey, IKeyring keyring, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(codexHome);
        ArgumentException.ThrowIfNullOrEmpty(storeKey);
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentNullException.ThrowIfNull(logger);
        _codexHome = codexHome;
        _keyring = keyring;
        _logger = logger;
        PassphraseAccount = "secrets|" + storeKey;
        DirectAccount = "cli|" + storeKey;
        SecretsFolder = Path.Combine(codexHome, "secrets");
        FilePath = Path.Combine(SecretsFolder, "codex_auth.age");
        _reports = new CorruptFileReports(reason => SecretsBackendStoreLog.Unusable(_logger, FilePath, reason));
    }

    public CredentialStoreMode Mode => CredentialStoreMode.Keyring;

    public string Description => $"{FilePath} (age, passphrase in the {_keyring.Name} as {PassphraseService}/{PassphraseAccount})";

    /// <summary>The keyring account of the passphrase: <c>secrets|{k}</c>.</summary>
    public string PassphraseAccount { get; }

    /// <summary>The direct backend's account: <c>cli|{k}</c>.</summary>
    public string DirectAccount { get; }

    public string SecretsFolder { get; }

    public string FilePath { get; }

    private string AuthJsonPath => Path.Combine(_codexHome, "auth.json");

    public AuthLoadResult Load()
    {
        AuthLoadResult result = LoadUnreported(out long length, out DateTime lastWriteUtc);
        _reports.Observe(result, length, lastWriteUtc);
        return result;
    }

    public void Save(AuthRecord record)
    {
        using IPendingSave pending = PrepareSave();
        pending.Commit(record);
    }

    public IPendingSave PrepareSave()
    {
        lock (_writeGate)
        {
            // Everything that can fail without a token being spent fails here: the keyring answers,
            // the existing file is one we may rewrite, and the disk has room for the new one.
            string passphrase = ReadOrCreatePassphrase(out byte[]? existing);
            int estimate = (existing?.Length ?? 0) + 16 * 1024;
            FileStream temp = CreateTempFile(estimate, out string tempPath);
            return new PendingSave(this, passphrase, temp, tempPath);
        }
    }

    public bool Delete()
    {
        bool removed = false;
        IOException? failure = null;
        lock (_writeGate)
        {
            try
            {
                if (File.Exists(FilePath))
                {
                    string passphrase = _keyring.Read(PassphraseService, PassphraseAccount)
                        ?? throw Refusal("the keyring holds no passphrase for it");
                    SecretsDocument document = DecryptForRewrite(File.ReadAllBytes(FilePath), passphrase);
                    if (document.Remove(AuthSecretName))
                    {
                        removed = true;
                    }

                    // Rewritten even when the entry was absent, as Codex does: the file and the
                    // passphrase stay for the other features that use them.
                    WriteFile(document, passphrase, temp: null, tempPath: null);
                }
            }
            catch (IOException ex)
            {
                failure = ex;
            }

            // The other places a login may have left credentials go too, even if the file could
            // not be rewritten: a logout removes whatever it can.
            removed |= DeleteAuthJson();
            removed |= _keyring.Delete(DirectService, DirectAccount);
        }

        return failure is null ? removed : throw failure;
    }

    private AuthLoadResult LoadUnreported(out long length, out DateTime lastWriteUtc)
    {
        length = -1;
        lastWriteUtc = default;
        byte[] content;
        try
        {
            var info = new FileInfo(FilePath);
            if (!info.Exists)
            {
                return Directory.Exists(FilePath)
                    ? new AuthLoadResult.Corrupt("secrets/codex_auth.age is a directory")
                    : new AuthLoadResult.Missing();
            }

            length = info.Length;
            lastWriteUtc = info.LastWriteTimeUtc;
            if (length > MaxFileBytes)
            {
                return new AuthLoadResult.Corrupt($"secrets/codex_auth.age is larger than {MaxFileBytes} bytes");
            }

            content = File.ReadAllBytes(FilePath);
        }
        catch (FileNotFoundException)
        {
            return new AuthLoadResult.Missing();
        }
        catch (UnauthorizedAccessException)
        {
            return new AuthLoadResult.Corrupt("secrets/codex_auth.age: permission denied");
        }
        catch (IOException ex)
        {
            return new AuthLoadResult.Corrupt($"secrets/codex_auth.age cannot be read: {ex.Message}");
        }

        string? passphrase;
        try
        {
            passphrase = _keyring.Read(PassphraseService, PassphraseAccount);
        }
        catch (KeyringException ex)
        {
            return new AuthLoadResult.Corrupt($"the passphrase of secrets/codex_auth.age cannot be read from the {_keyring.Name}: {ex.Message}", Unreachable: true);
        }

        if (passphrase is null)
        {
            return new AuthLoadResult.Corrupt(
                $"secrets/codex_auth.age exists but the {_keyring.Name} holds no passphrase for it ({PassphraseService}/{PassphraseAccount})");
        }

        try
        {
            string? json = Decrypt(content, passphrase).Get(AuthSecretName);
            return json is null
                ? new AuthLoadResult.Missing()
                : new AuthLoadResult.Loaded(AuthJsonCodec.Parse(Encoding.UTF8.GetBytes(json)));
        }
        catch (AgeFormatException ex)
        {
            return new AuthLoadResult.Corrupt($"secrets/codex_auth.age cannot be decrypted: {ex.Message}");
        }
        catch (FormatException ex)
        {
            return new AuthLoadResult.Corrupt($"secrets/codex_auth.age: {ex.Message}");
        }
        catch (AuthFileFormatException ex)
        {
            return new AuthLoadResult.Corrupt($"secrets/codex_auth.age: {AuthSecretName} is not a valid credential record: {ex.Message}");
        }
    }

    // The passphrase, created (and stored) only when there is none yet. Also decrypts any existing
    // file, so a save that would destroy an unreadable file is refused before anything happens.
    private string ReadOrCreatePassphrase(out byte[]? existing)
    {
        existing = File.Exists(FilePath) ? ReadBounded() : null;
        string? passphrase = _keyring.Read(PassphraseService, PassphraseAccount);
        if (existing is not null)
        {
            if (passphrase is null)
            {
                throw Refusal($"the {_keyring.Name} holds no passphrase for it");
            }

            DecryptForRewrite(existing, passphrase);
            return passphrase;
        }

        if (passphrase is null)
        {
            // Codex's form: standard padded base64 of 32 random bytes (44 characters).
            passphrase = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            _keyring.Write(PassphraseService, PassphraseAccount, passphrase);
        }

        return passphrase;
    }

    private byte[] ReadBounded()
    {
        var info = new FileInfo(FilePath);
        return info.Length > MaxFileBytes
            ? throw Refusal($"it is larger than {MaxFileBytes} bytes")
            : File.ReadAllBytes(FilePath);
    }

    private SecretsDocument DecryptForRewrite(byte[] content, string passphrase)
    {
        try
        {
            return Decrypt(content, passphrase);
        }
        catch (AgeFormatException ex)
        {
            throw Refusal(ex.Message);
        }
        catch (FormatException ex)
        {
            throw Refusal(ex.Message);
        }
    }

    private static SecretsDocument Decrypt(byte[] content, string passphrase)
    {
        byte[] key = Encoding.UTF8.GetBytes(passphrase);
        byte[]? plaintext = null;
        try
        {
            plaintext = AgeFile.Decrypt(content, key);
            return SecretsDocument.Parse(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    private IOException Refusal(string reason) =>
        new($"{FilePath} is not overwritten: it cannot be decrypted ({reason}). It may hold other Codex secrets; move it aside to start afresh.");

    private FileStream CreateTempFile(long preallocate, out string tempPath)
    {
        PrivateFileSystem.CreateDirectory(SecretsFolder);
        if (!OperatingSystem.IsWindows())
        {
            // Codex creates the folder 0755; nothing in it is for other users.
            File.SetUnixFileMode(SecretsFolder, PrivateFileSystem.OwnerAll);
        }

        long nanos = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        tempPath = Path.Combine(SecretsFolder, $".codex_auth.age.tmp-{Environment.ProcessId}-{nanos}");

        // Reserves the blocks now: a full disk fails here, before a refresh token is spent.
        return PrivateFileSystem.CreateNew(tempPath, preallocate);
    }

    // Encrypts the document into the temp file (created now when none was prepared), fsyncs it and
    // renames it over the target. On any failure the temp file is removed and the target is unchanged.
    private void WriteFile(SecretsDocument document, string passphrase, FileStream? temp, string? tempPath)
    {
        try
        {
            byte[] plaintext = document.Serialize();
            byte[] key = Encoding.UTF8.GetBytes(passphrase);
            byte[] encrypted;
            try
            {
                encrypted = AgeFile.Encrypt(plaintext, key);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
                CryptographicOperations.ZeroMemory(key);
            }

            if (temp is null)
            {
                temp = CreateTempFile(encrypted.Length, out string created);
                tempPath = created;
            }

            using (temp)
            {
                temp.Write(encrypted);
                temp.SetLength(encrypted.Length);
                temp.Flush(flushToDisk: true);
            }

            FileReplace.Replace(tempPath!, FilePath);
        }
        catch
        {
            temp?.Dispose();
            if (tempPath is not null)
            {
                TryDelete(tempPath);
            }

            throw;
        }
    }

    private bool DeleteAuthJson()
    {
        if (!File.Exists(AuthJsonPath))
        {
            return false;
        }

        File.Delete(AuthJsonPath);
        return true;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original failure is the one worth reporting.
        }
    }

    private void CommitPrepared(AuthRecord record, string passphrase, FileStream temp, string tempPath)
    {
        lock (_writeGate)
        {
            // Re-read at commit time: another process may have changed other secrets since the
            // save was prepared, and those changes are kept.
            SecretsDocument document;
            try
            {
                document = File.Exists(FilePath)
                    ? DecryptForRewrite(ReadBounded(), passphrase)
                    : SecretsDocument.Empty();
                document.Set(AuthSecretName, Encoding.UTF8.GetString(AuthJsonCodec.SerializeCompact(record)));
            }
            catch
            {
                temp.Dispose();
                TryDelete(tempPath);
                throw;
            }

            WriteFile(document, passphrase, temp, tempPath);
        }

        // As Codex: once the encrypted copy is written, a plaintext auth.json would only be a stale
        // second copy of the credentials.
        try
        {
            DeleteAuthJson();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SecretsBackendStoreLog.FallbackFileNotRemoved(_logger, AuthJsonPath, ex.Message);
        }
    }

    private sealed class PendingSave(SecretsBackendStore store, string passphrase, FileStream temp, string tempPath) : IPendingSave
    {
        private bool _done;

        public void Commit(AuthRecord record)
        {
            ArgumentNullException.ThrowIfNull(record);
            ObjectDisposedException.ThrowIf(_done, this);
            _done = true;
            store.CommitPrepared(record, passphrase, temp, tempPath);
        }

        public void Dispose()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            temp.Dispose();
            TryDelete(tempPath);
        }
    }
}
