using System.Diagnostics;
using System.Text;

namespace AppServer.Testing;

/// <summary>
/// A private freedesktop Secret Service for one test: its own <c>dbus-daemon</c> on a socket in its
/// own temp folder, and <c>gnome-keyring-daemon</c> (secrets component only, login collection
/// unlocked with a known password) on that bus, with its own HOME and XDG folders. Sessions share
/// nothing, so any number run at once. <see cref="DisposeAsync"/> kills exactly the processes this
/// session started. The bus has no service directories: nothing on it is ever auto-started.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class SecretServiceSession : IAsyncDisposable
{
    /// <summary>The password that unlocks the session's login collection.</summary>
    public const string KeyringPassword = "appserver-test-keyring";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromSeconds(30);

    private readonly string _root;
    private readonly Process _bus;
    private readonly StringBuilder _log = new();
    private Process? _keyring;

    private SecretServiceSession(string root, Process bus, string busAddress)
    {
        _root = root;
        _bus = bus;
        BusAddress = busAddress;
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DBUS_SESSION_BUS_ADDRESS"] = busAddress,
            ["HOME"] = Path.Combine(root, "home"),
            ["XDG_RUNTIME_DIR"] = Path.Combine(root, "run"),
            ["XDG_DATA_HOME"] = Path.Combine(root, "home", "data"),
            ["XDG_CONFIG_HOME"] = Path.Combine(root, "home", "config"),
            ["XDG_CACHE_HOME"] = Path.Combine(root, "home", "cache"),
        };
    }

    /// <summary>The private bus's address, e.g. <c>unix:path=/tmp/…/bus,guid=…</c>.</summary>
    public string BusAddress { get; }

    /// <summary>Variables for a child process that should use this bus (and nothing of the real user's).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Whether gnome-keyring is running (false for <see cref="StartBusOnlyAsync"/>).</summary>
    public bool HasSecretService => _keyring is not null;

    /// <summary>A bus with an unlocked Secret Service on it.</summary>
    public static async Task<SecretServiceSession> StartAsync()
    {
        SecretServiceSession session = await StartBusOnlyAsync();
        try
        {
            await session.StartKeyringAsync();
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>A bus with no Secret Service on it (and none that could be activated).</summary>
    public static async Task<SecretServiceSession> StartBusOnlyAsync()
    {
        string root = Directory.CreateTempSubdirectory("appserver-ss-").FullName;
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (string dir in new[] { "run", "home", "home/data", "home/config", "home/cache" })
        {
            Directory.CreateDirectory(Path.Combine(root, dir), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        string config = Path.Combine(root, "bus.conf");
        await File.WriteAllTextAsync(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
              "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:path={Path.Combine(root, "bus")}</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """);

        var start = new ProcessStartInfo("dbus-daemon")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--config-file={config}");
        start.ArgumentList.Add("--nofork");
        start.ArgumentList.Add("--print-address=1");
        Process bus = Process.Start(start) ?? throw new InvalidOperationException("dbus-daemon did not start");
        bus.ErrorDataReceived += static (_, _) => { };
        bus.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(s_startTimeout);
        string? address;
        try
        {
            address = await bus.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            address = null;
        }

        if (string.IsNullOrWhiteSpace(address))
        {
            Kill(bus);
            TryDeleteTree(root);
            throw new InvalidOperationException("dbus-daemon printed no address");
        }

        return new SecretServiceSession(root, bus, address.Trim());
    }

    /// <summary>Runs <c>secret-tool store</c> on this bus: the secret goes in on stdin, as a user would type it.</summary>
    public async Task StoreAsync(string label, string secret, params string[] attributes)
    {
        (int exit, _, string error) = await RunToolAsync("secret-tool", ["store", $"--label={label}", .. attributes], secret);
        if (exit != 0)
        {
            throw new InvalidOperationException($"secret-tool store failed ({exit}): {error}");
        }
    }

    /// <summary><c>secret-tool lookup</c>: the secret, or null when there is none.</summary>
    public async Task<string?> LookupAsync(params string[] attributes)
    {
        (int exit, string output, _) = await RunToolAsync("secret-tool", ["lookup", .. attributes]);
        return exit == 0 ? output : null;
    }

    /// <summary><c>secret-tool clear</c>: removes every item matching the attributes.</summary>
    public async Task ClearAsync(params string[] attributes)
    {
        (int exit, _, string error) = await RunToolAsync("secret-tool", ["clear", .. attributes]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"secret-tool clear failed ({exit}): {error}");
        }
    }

    /// <summary><c>secret-tool search --all</c>'s output (labels and attributes of every matching item).</summary>
    public async Task<string> SearchAsync(params string[] attributes)
    {
        (_, string output, string error) = await RunToolAsync("secret-tool", ["search", "--all", .. attributes]);
        return output + error;
    }

    /// <summary>How many items match (one <c>[/org/freedesktop/secrets/…]</c> block each).</summary>
    public async Task<int> CountItemsAsync(params string[] attributes)
    {
        string output = await SearchAsync(attributes);
        return output.Split('\n').Count(static line => line.StartsWith("[/", StringComparison.Ordinal));
    }

    /// <summary>Locks the default collection, as a screen lock or a timeout would.</summary>
    public async Task LockDefaultCollectionAsync()
    {
        (int exit, _, string error) = await RunToolAsync(
            "dbus-send",
            ["--session", "--print-reply", "--dest=org.freedesktop.secrets", "/org/freedesktop/secrets",
             "org.freedesktop.Secret.Service.Lock", "array:objpath:/org/freedesktop/secrets/aliases/default"]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"locking the collection failed ({exit}): {error}");
        }
    }

    /// <summary>
    /// Stops (SIGSTOP) the keyring daemon: it keeps its bus name, so calls reach it, but it never
    /// answers. <see cref="DisposeAsync"/> still kills it.
    /// </summary>
    public async Task FreezeSecretServiceAsync()
    {
        Process keyring = _keyring ?? throw new InvalidOperationException("no Secret Service in this session");
        (int exit, _, string error) = await RunToolAsync("kill", ["-STOP", keyring.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"kill -STOP failed ({exit}): {error}");
        }
    }

    /// <summary>Runs a tool with this session's environment; (exit code, stdout, stderr).</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunToolAsync(string fileName, IEnumerable<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in Environment)
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(s_toolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw new TimeoutException($"{fileName} did not finish within {s_toolTimeout.TotalSeconds} s");
        }

        return (process.ExitCode, await output, await error);
    }

    public async ValueTask DisposeAsync()
    {
        if (_keyring is not null)
        {
            Kill(_keyring);
            await _keyring.WaitForExitAsync();
            _keyring.Dispose();
        }

        Kill(_bus);
        await _bus.WaitForExitAsync();
        _bus.Dispose();
        TryDeleteTree(_root);
    }

    private async Task StartKeyringAsync()
    {
        var start = new ProcessStartInfo("gnome-keyring-daemon")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--foreground");
        start.ArgumentList.Add("--components=secrets");
        start.ArgumentList.Add("--unlock");
        foreach ((string key, string value) in Environment)
        {
            start.Environment[key] = value;
        }

        _keyring = Process.Start(start) ?? throw new InvalidOperationException("gnome-keyring-daemon did not start");
        _keyring.OutputDataReceived += (_, e) => AppendLog(e.Data);
        _keyring.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        _keyring.BeginOutputReadLine();
        _keyring.BeginErrorReadLine();

        // --unlock reads the login password from stdin until EOF.
        await _keyring.StandardInput.WriteAsync(KeyringPassword);
        _keyring.StandardInput.Close();

        // Ready when the default alias resolves to the (created, unlocked) login collection.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            (int exit, string output, _) = await RunToolAsync(
                "dbus-send",
                ["--session", "--print-reply", "--dest=org.freedesktop.secrets", "/org/freedesktop/secrets",
                 "org.freedesktop.Secret.Service.ReadAlias", "string:default"]);
            if (exit == 0 && output.Contains("/collection/", StringComparison.Ordinal))
            {
                return;
            }

            if (_keyring.HasExited || deadline.Elapsed > s_startTimeout)
            {
                string log;
                lock (_log)
                {
                    log = _log.ToString();
                }

                throw new InvalidOperationException($"gnome-keyring-daemon did not become ready: {log}");
            }

            await Task.Delay(50);
        }
    }

    private void AppendLog(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void TryDeleteTree(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
