namespace AppServer.Auth.CrossProcess;

/// <summary>
/// The lock files Codex itself takes around writing <c>auth.json</c>: <c>auth.lock</c> and
/// <c>auth.json.lock</c> in CODEX_HOME, each an exclusive <c>flock(2)</c> held only for the write
/// (Rust's <c>File::lock</c> is <c>flock</c> on Linux and macOS, and so is .NET's
/// <c>FileShare.None</c>, so the two really exclude each other). Taking them around our rename means
/// a Codex process and this server never interleave writes of the file. AppServer's own
/// <c>appserver-refresh.lock</c> is separate: it spans the whole refresh, POST included.
/// </summary>
internal sealed class CodexWriteLocks(string codexHome, TimeProvider timeProvider)
{
    public const string AuthLockName = "auth.lock";
    public const string AuthJsonLockName = "auth.json.lock";

    /// <summary>How long a write waits for a Codex process to finish its own (which takes milliseconds).</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(10);

    public TimeSpan Wait { get; init; } = DefaultWait;

    /// <summary>
    /// Takes both locks, waiting up to <see cref="Wait"/>. Never holds one while waiting for the
    /// other, so whatever order Codex takes them in, neither side can block the other for good.
    /// Null (take nothing) when the lock files cannot be created at all (a read-only home): then no
    /// Codex process can write there either.
    /// </summary>
    /// <exception cref="IOException">A Codex process held the lock for longer than <see cref="Wait"/>.</exception>
    public IDisposable? Acquire()
    {
        var deadline = timeProvider.GetUtcNow() + Wait;
        while (true)
        {
            var first = TryLock(AuthLockName, out bool unavailable);
            if (unavailable)
            {
                return null;
            }

            if (first is not null)
            {
                var second = TryLock(AuthJsonLockName, out unavailable);
                if (second is not null || unavailable)
                {
                    return new Held(first, second);
                }

                first.Dispose();
            }

            if (timeProvider.GetUtcNow() >= deadline)
            {
                throw new IOException($"Codex held its lock on auth.json for more than {Wait.TotalSeconds:0} s; the file was not written.");
            }

            // Synchronous on purpose: the caller is committing under its write gate, and Codex holds
            // the lock only for the few milliseconds of its own write.
            Thread.Sleep(s_retryDelay);
        }
    }

    private FileStream? TryLock(string name, out bool unavailable)
    {
        unavailable = false;
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            return new FileStream(Path.Combine(codexHome, name), options);
        }
        catch (Exception ex) when (LockFileErrors.CannotExist(ex))
        {
            unavailable = true;
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private sealed class Held(FileStream first, FileStream? second) : IDisposable
    {
        public void Dispose()
        {
            second?.Dispose();
            first.Dispose();
        }
    }
}
