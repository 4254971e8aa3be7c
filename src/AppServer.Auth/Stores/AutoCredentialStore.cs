using AppServer.Auth.Storage;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Stores;

/// <summary>
/// Codex's <c>auto</c> mode: the keyring backend first, <c>auth.json</c> behind it. A read takes the
/// keyring's credentials, or the file's when the keyring holds none; a keyring that fails is warned
/// about once and the file is read. A save goes to the keyring, and to the file when the keyring
/// fails. A delete goes through the keyring backend, which removes the file too. Thread-safe.
/// </summary>
internal sealed class AutoCredentialStore : ICredentialStore
{
    private readonly ICredentialStore _keyring;
    private readonly AuthFileStore _file;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private string? _lastReadWarning;
    private volatile string? _foundIn;

    public AutoCredentialStore(ICredentialStore keyringBackend, AuthFileStore file, ILogger logger)
    {
        _keyring = keyringBackend;
        _file = file;
        _logger = logger;
    }

    public CredentialStoreMode Mode => CredentialStoreMode.Auto;

    public string Description => $"{_keyring.Description}, else {_file.AuthFilePath}";

    public string? FoundIn => _foundIn;

    public AuthLoadResult Load()
    {
        var fromKeyring = _keyring.Load();
        switch (fromKeyring)
        {
            case AuthLoadResult.Loaded:
                ForgetReadWarning();
                _foundIn = _keyring.FoundIn;
                return fromKeyring;
            case AuthLoadResult.Corrupt { Reason: var reason }:
                WarnOnce(reason);
                break;
            default:
                ForgetReadWarning();
                break;
        }

        var fromFile = _file.Load();
        _foundIn = fromFile is AuthLoadResult.Loaded ? _file.FoundIn : null;
        if (fromFile is AuthLoadResult.Missing && fromKeyring is AuthLoadResult.Corrupt { Unreachable: true })
        {
            // Nothing in the file, and the keyring could not be asked: unknown, not logged out.
            return fromKeyring;
        }

        return fromFile;
    }

    public void Save(AuthRecord record)
    {
        try
        {
            _keyring.Save(record);
        }
        catch (IOException ex)
        {
            StoreLog.AutoSaveFallback(_logger, ex.Message);
            _file.Save(record);
        }
    }

    public IPendingSave PrepareSave()
    {
        try
        {
            return new Pending(this, _keyring.PrepareSave());
        }
        catch (IOException ex)
        {
            // The keyring cannot take the new tokens: prove the file can, before the token is spent.
            StoreLog.AutoSaveFallback(_logger, ex.Message);
            return ((ICredentialStore)_file).PrepareSave();
        }
    }

    public bool Delete() => _keyring.Delete();

    private void WarnOnce(string reason)
    {
        lock (_gate)
        {
            if (_lastReadWarning == reason)
            {
                return;
            }

            _lastReadWarning = reason;
        }

        StoreLog.AutoReadFallback(_logger, reason);
    }

    private void ForgetReadWarning()
    {
        lock (_gate)
        {
            _lastReadWarning = null;
        }
    }

    /// <summary>A keyring save prepared; should the commit fail after all, the file takes the record.</summary>
    private sealed class Pending(AutoCredentialStore owner, IPendingSave keyring) : IPendingSave
    {
        public void Commit(AuthRecord record)
        {
            try
            {
                keyring.Commit(record);
            }
            catch (IOException ex)
            {
                StoreLog.AutoSaveFallback(owner._logger, ex.Message);
                owner._file.Save(record);
            }
        }

        public void Dispose() => keyring.Dispose();
    }
}
