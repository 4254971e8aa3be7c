using System.Text;
using AppServer.Auth.Keyring;
using AppServer.Auth.Storage;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Stores;

/// <summary>
/// Codex's direct keyring backend: one entry, service <c>Codex Auth</c>, account <c>cli|{key}</c>,
/// whose secret is the compact JSON of the object <c>auth.json</c> would hold. A save writes the
/// entry and then removes any <c>auth.json</c> (a stale file would otherwise be read by a tool in
/// <c>file</c> mode); a delete removes both. Thread-safe.
/// </summary>
internal sealed class KeyringCredentialStore : ICredentialStore
{
    public const string Service = "Codex Auth";

    private readonly IKeyring _keyring;
    private readonly AuthFileStore _file;
    private readonly ILogger _logger;
    private readonly Lock _reportGate = new();
    private string? _lastReported;

    public KeyringCredentialStore(string storeKey, IKeyring keyring, AuthFileStore file, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeKey);
        Account = $"cli|{storeKey}";
        _keyring = keyring;
        _file = file;
        _logger = logger;
    }

    public CredentialStoreMode Mode => CredentialStoreMode.Keyring;

    public string Account { get; }

    public string Description => $"the {_keyring.Name} (service \"{Service}\", account \"{Account}\")";

    public string? FoundIn => $"the {_keyring.Name}";

    public AuthLoadResult Load()
    {
        string? secret;
        try
        {
            secret = _keyring.Read(Service, Account);
        }
        catch (KeyringException ex)
        {
            return Report($"failed to load CLI auth from keyring: {ex.Message}", unreachable: true);
        }

        if (secret is null)
        {
            ClearReport();
            return new AuthLoadResult.Missing();
        }

        try
        {
            var record = AuthJsonCodec.Parse(Encoding.UTF8.GetBytes(secret));
            ClearReport();
            return new AuthLoadResult.Loaded(record);
        }
        catch (AuthFileFormatException ex)
        {
            return Report($"the keyring entry is not a valid credential record: {ex.Message}");
        }
    }

    public void Save(AuthRecord record)
    {
        var secret = Encoding.UTF8.GetString(AuthJsonCodec.SerializeCompact(record));
        try
        {
            _keyring.Write(Service, Account, secret);
        }
        catch (KeyringException ex)
        {
            throw new KeyringException($"failed to write OAuth tokens to keyring: {ex.Message}", ex);
        }

        try
        {
            _file.Delete();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The credentials are saved; an old file left behind is only worth a warning.
            StoreLog.FallbackFileNotRemoved(_logger, _file.AuthFilePath, ex.Message);
        }
    }

    public IPendingSave PrepareSave()
    {
        // A refresh token is single-use: spend it only when the keyring is there to take its successor.
        try
        {
            _ = _keyring.Read(Service, Account);
        }
        catch (KeyringException ex)
        {
            throw new KeyringException($"failed to write OAuth tokens to keyring: {ex.Message}", ex);
        }

        return new SaveOnCommit(this);
    }

    public bool Delete()
    {
        bool removedEntry;
        try
        {
            removedEntry = _keyring.Delete(Service, Account);
        }
        catch (KeyringException ex)
        {
            // Still remove the file: whatever the keyring holds, nothing is left on disk.
            _file.Delete();
            throw new KeyringException($"failed to delete auth from keyring: {ex.Message}", ex);
        }

        var removedFile = _file.Delete();
        return removedEntry || removedFile;
    }

    private AuthLoadResult.Corrupt Report(string reason, bool unreachable = false)
    {
        lock (_reportGate)
        {
            if (_lastReported != reason)
            {
                _lastReported = reason;
                StoreLog.KeyringUnusable(_logger, Description, reason);
            }
        }

        return new AuthLoadResult.Corrupt(reason, unreachable);
    }

    private void ClearReport()
    {
        lock (_reportGate)
        {
            _lastReported = null;
        }
    }
}
