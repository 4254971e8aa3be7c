using AppServer.Auth.CrossProcess;
using AppServer.Auth.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace AppServer.Auth.Storage;

/// <summary>
/// <c>$CODEX_HOME/auth.json</c> (docs/codex-compatibility.md §1.1, §1.3). Loads never modify the file, so a corrupt
/// file stays for the user to inspect; saves are atomic and always leave a <c>0600</c> file.
/// A save replaces a symlink's target (keeping the link), keeps a copy of a corrupt file it replaces,
/// and renames under Codex's own write locks. Thread-safe.
/// </summary>
internal sealed class AuthFileStore : ICredentialStore
{
    /// <summary>
    /// Larger files are reported as corrupt without being read: real ones are a few KiB, so anything
    /// this big is not a credential file, and reading it whole would only cost memory.
    /// </summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// Room reserved beyond the current file's size before a refresh: the refreshed record differs
    /// from the current one only by token lengths, which this margin covers many times over.
    /// </summary>
    public const long RefreshPreallocationMargin = 16 * 1024;

    private readonly ILogger<AuthFileStore> _logger;
    private readonly TimeProvider _time;
    private readonly CodexWriteLocks _codexLocks;
    private readonly CorruptFileReports _reports;

    public AuthFileStore(string codexHome, ILogger<AuthFileStore> logger, TimeProvider? timeProvider = null, TimeSpan? codexLockWait = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(codexHome);
        ArgumentNullException.ThrowIfNull(logger);
        AuthFilePath = Path.Combine(codexHome, "auth.json");
        _logger = logger;
        _reports = new CorruptFileReports(reason => AuthFileStoreLog.CorruptFile(_logger, AuthFilePath, reason));
        _time = timeProvider ?? TimeProvider.System;
        _codexLocks = new CodexWriteLocks(codexHome, _time) { Wait = codexLockWait ?? CodexWriteLocks.DefaultWait };

        // Leftovers of a writer killed mid-save hold tokens: remove them as early as possible.
        RemoveStaleTempFiles(LinkTargetOrSelf());
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
        _reports.Observe(result, length, lastWriteUtc);
        return result;
    }

    /// <summary>Atomically replaces the file with <paramref name="record"/>.</summary>
    /// <exception cref="IOException">The file could not be written; the previous file is intact.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable; the previous file is intact.</exception>
    public void Save(AuthRecord record)
    {
        byte[] content = AuthJsonCodec.Serialize(record);
        using var pending = Prepare(content.Length);
        pending.Commit(content);
    }

    /// <summary>
    /// Creates and preallocates the temp file of the next save (the current size plus
    /// <see cref="RefreshPreallocationMargin"/>), so that a refresh learns before spending its
    /// refresh token whether the result can be stored.
    /// </summary>
    /// <exception cref="IOException">The space cannot be reserved (a full disk, a read-only file system); nothing was changed.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable; nothing was changed.</exception>
    public IPendingSave PrepareSave()
    {
        long current;
        try
        {
            current = new FileInfo(LinkTarget.Resolve(AuthFilePath)) is { Exists: true } info ? info.Length : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            current = 0;
        }

        return Prepare(Math.Min(current, MaxFileBytes) + RefreshPreallocationMargin);
    }

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

    private AuthFilePendingSave Prepare(long preallocate)
    {
        string target = LinkTarget.Resolve(AuthFilePath);
        RemoveStaleTempFiles(target);
        return new AuthFilePendingSave(PreparedFileWrite.Create(target, preallocate), BeforeRename);
    }

    /// <summary>Runs right before the rename: Codex's write locks, then a copy of a corrupt file about to be replaced.</summary>
    private IDisposable? BeforeRename()
    {
        var locks = _codexLocks.Acquire();
        try
        {
            KeepCorruptCopy();
            return locks;
        }
        catch
        {
            locks?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A corrupt file is the user's to inspect: before a save replaces it, its bytes are copied to
    /// <c>auth.json.corrupt-&lt;UTC time&gt;</c>. A backup that cannot be written fails the save.
    /// </summary>
    private void KeepCorruptCopy()
    {
        if (Read().Result is not AuthLoadResult.Corrupt)
        {
            return;
        }

        string source = LinkTarget.Resolve(AuthFilePath);
        using var handle = RegularFileOpener.OpenForRead(source, out _);
        if (handle is null)
        {
            // A FIFO, socket or device holds no bytes to keep.
            return;
        }

        string backup = CorruptFileBackup.Write(handle, AuthFilePath, _time.GetUtcNow());
        AuthFileStoreLog.CorruptFileKept(_logger, AuthFilePath, backup);
    }

    private string LinkTargetOrSelf()
    {
        try
        {
            return LinkTarget.Resolve(AuthFilePath);
        }
        catch (IOException)
        {
            return AuthFilePath;
        }
    }

    private void RemoveStaleTempFiles(string target)
    {
        int removed = StaleTempFiles.RemoveDeadWriters(target);
        if (removed > 0)
        {
            AuthFileStoreLog.StaleTempFilesRemoved(_logger, removed, target);
        }
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
            // Non-blocking, regular files only: opening a FIFO would wait for a writer forever.
            // Shared with writers and deleters: a concurrent rename must never fail because we are reading.
            if (RegularFileOpener.OpenForRead(AuthFilePath, out string? notRegular) is not { } opened)
            {
                return CorruptAtPath($"auth.json is {notRegular}, not a regular file");
            }

            handle = opened;
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
}
