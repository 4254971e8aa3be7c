using AppServer.Auth.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace AppServer.Auth.Storage;

/// <summary>
/// <c>$CODEX_HOME/auth.json</c> (contract §1.1, §1.3). Loads never modify the file, so a corrupt
/// file stays for the user to inspect; saves are atomic and always leave a <c>0600</c> file.
/// Thread-safe.
/// </summary>
internal sealed class AuthFileStore : ICredentialStore
{
    /// <summary>
    /// Larger files are reported as corrupt without being read: real ones are a few KiB, so anything
    /// this big is not a credential file, and reading it whole would only cost memory.
    /// </summary>
    public const long MaxFileBytes = 1024 * 1024;

    private readonly ILogger<AuthFileStore> _logger;
    private readonly Lock _reportGate = new();

    // The corrupt state reported last, so that polling a broken file logs it once (failure-modes §3.5).
    private (string Reason, long Length, DateTime LastWriteUtc)? _lastReported;

    public AuthFileStore(string codexHome, ILogger<AuthFileStore> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(codexHome);
        ArgumentNullException.ThrowIfNull(logger);
        AuthFilePath = Path.Combine(codexHome, "auth.json");
        _logger = logger;
    }

    public string AuthFilePath { get; }

    public CredentialStoreMode Mode => CredentialStoreMode.File;

    public string Description => AuthFilePath;

    public string? FoundIn => AuthFilePath;

    /// <summary>
    /// Reads the file. Never throws for file-system or format problems: they come back as
    /// <see cref="AuthLoadResult.Corrupt"/>, logged once per distinct corrupt state.
    /// </summary>
    public AuthLoadResult Load()
    {
        (AuthLoadResult result, long length, DateTime lastWriteUtc) = Read();
        if (result is AuthLoadResult.Corrupt corrupt)
        {
            ReportOnce((corrupt.Reason, length, lastWriteUtc));
        }
        else
        {
            // A file that is fixed and later breaks the same way is a new event worth reporting.
            lock (_reportGate)
            {
                _lastReported = null;
            }
        }

        return result;
    }

    /// <summary>Atomically replaces the file with <paramref name="record"/>.</summary>
    /// <exception cref="IOException">The file could not be written; the previous file is intact.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable; the previous file is intact.</exception>
    public void Save(AuthRecord record) => AtomicFileWriter.Write(AuthFilePath, AuthJsonCodec.Serialize(record));

    /// <summary>Removes the file; <see langword="true"/> when there was one.</summary>
    public bool Delete()
    {
        if (!File.Exists(AuthFilePath))
        {
            return false;
        }

        File.Delete(AuthFilePath);
        return true;
    }

    private (AuthLoadResult Result, long Length, DateTime LastWriteUtc) Read()
    {
        if (Directory.Exists(AuthFilePath))
        {
            return CorruptAtPath("auth.json is a directory");
        }

        SafeFileHandle handle;
        try
        {
            // Share with writers and deleters: a concurrent rename must never fail because we are reading.
            handle = File.OpenHandle(AuthFilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return (new AuthLoadResult.Missing(), -1, default);
        }
        catch (UnauthorizedAccessException)
        {
            return CorruptAtPath("permission denied");
        }
        catch (IOException ex)
        {
            return CorruptAtPath($"cannot open the file: {ex.Message}");
        }

        using (handle)
        {
            long length;
            DateTime lastWriteUtc;
            byte[] content;
            try
            {
                length = RandomAccess.GetLength(handle);
                lastWriteUtc = File.GetLastWriteTimeUtc(handle);
                if (length > MaxFileBytes)
                {
                    return (new AuthLoadResult.Corrupt($"file is larger than {MaxFileBytes} bytes"), length, lastWriteUtc);
                }

                content = ReadExactly(handle, (int)length);
            }
            catch (IOException ex)
            {
                return CorruptAtPath($"cannot read the file: {ex.Message}");
            }

            try
            {
                return (new AuthLoadResult.Loaded(AuthJsonCodec.Parse(content)), length, lastWriteUtc);
            }
            catch (AuthFileFormatException ex)
            {
                return (new AuthLoadResult.Corrupt(ex.Message), length, lastWriteUtc);
            }
        }
    }

    private (AuthLoadResult Result, long Length, DateTime LastWriteUtc) CorruptAtPath(string reason)
    {
        // No usable handle here (a directory, no read permission, a failed read): stat the path
        // instead, for the "same corrupt state" comparison only.
        var result = new AuthLoadResult.Corrupt(reason);
        try
        {
            var info = new FileInfo(AuthFilePath);
            return (result, info.Exists ? info.Length : -1, info.LastWriteTimeUtc);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Changed or vanished under us: the state is simply "unknown", which still reports once.
            return (result, -1, default);
        }
    }

    private static byte[] ReadExactly(SafeFileHandle handle, int length)
    {
        byte[] buffer = new byte[length];
        int total = 0;
        while (total < length)
        {
            int read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (read == 0)
            {
                // Truncated under us (an in-place writer such as upstream Codex): parse what is there.
                return buffer[..total];
            }

            total += read;
        }

        return buffer;
    }

    private void ReportOnce((string Reason, long Length, DateTime LastWriteUtc) state)
    {
        lock (_reportGate)
        {
            if (_lastReported == state)
            {
                return;
            }

            _lastReported = state;
        }

        AuthFileStoreLog.CorruptFile(_logger, AuthFilePath, state.Reason);
    }
}
