using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Tmds.DBus.Protocol;

namespace AppServer.Auth.Keyring.SecretService;

/// <summary>
/// The freedesktop Secret Service (gnome-keyring, KWallet, KeePassXC) on the D-Bus session bus,
/// with items named as keyring-rs 3.6 names them, so Codex and this server share one entry. Never
/// shows a prompt: a locked collection is reported as locked. Each operation opens its own
/// connection and finishes (connect, session, calls) within <see cref="Timeout"/>, or throws.
/// </summary>
internal sealed class SecretServiceKeyring : IKeyring
{
    /// <summary>
    /// How long one read, write or delete may take in all. A Secret Service answers in milliseconds;
    /// one that has not answered in five seconds is waiting for a prompt nobody will see, or is hung,
    /// and a credential store that waits for it hangs the session with it.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan s_backstopMargin = TimeSpan.FromSeconds(1);

    private readonly string? _busAddress;
    private readonly ILogger _logger;

    /// <summary>The session bus from the environment (see <see cref="SessionBusAddress"/>).</summary>
    public SecretServiceKeyring(ILogger logger)
        : this(SessionBusAddress.FromEnvironment(), logger)
    {
    }

    /// <summary>An explicit bus; null means "no session bus", which every operation reports.</summary>
    public SecretServiceKeyring(string? busAddress, ILogger logger, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _busAddress = string.IsNullOrWhiteSpace(busAddress) ? null : busAddress;
        _logger = logger;
        Timeout = timeout ?? DefaultTimeout;
    }

    public string Name => "Secret Service";

    /// <summary>The bound on one operation.</summary>
    public TimeSpan Timeout { get; }

    public string? Read(string service, string account) => Run("read", async calls =>
    {
        (string[] unlocked, string[] locked) = await calls.SearchItemsAsync(KeyringRsEntry.SecretServiceSearch(service, account));
        if (unlocked.Length == 0)
        {
            // A locked collection may hide the entry: "locked" is the truth, "nothing stored" would
            // make a caller think the user logged out.
            if (locked.Length > 0 || await DefaultCollectionLockedAsync(calls))
            {
                throw Locked();
            }

            return null;
        }

        byte[] secret = await calls.GetSecretAsync(unlocked[0]);
        try
        {
            return Encoding.UTF8.GetString(secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    });

    public void Write(string service, string account, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Run("write", async calls =>
        {
            string collection = await calls.ReadDefaultAliasAsync();
            if (collection == SecretServiceCalls.NoObject)
            {
                throw new KeyringException("the keyring has no default collection");
            }

            if (await calls.IsLockedAsync(collection))
            {
                throw Locked();
            }

            byte[] bytes = Encoding.UTF8.GetBytes(secret);
            string item;
            try
            {
                (item, string prompt) = await calls.CreateItemAsync(
                    collection,
                    KeyringRsEntry.SecretServiceLabel(service, account),
                    KeyringRsEntry.SecretServiceAttributes(service, account),
                    bytes);
                if (prompt != SecretServiceCalls.NoObject)
                {
                    throw Locked();
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(bytes);
            }

            // An item another tool stored under the same service and account (without keyring-rs's
            // extra attributes) would make later reads ambiguous: this entry is now the only one.
            (string[] unlocked, _) = await calls.SearchItemsAsync(KeyringRsEntry.SecretServiceSearch(service, account));
            foreach (string other in unlocked)
            {
                if (other != item)
                {
                    await calls.DeleteItemAsync(other);
                }
            }

            return true;
        });
    }

    public bool Delete(string service, string account) => Run("delete", async calls =>
    {
        (string[] unlocked, string[] locked) = await calls.SearchItemsAsync(KeyringRsEntry.SecretServiceSearch(service, account));
        if (locked.Length > 0 || (unlocked.Length == 0 && await DefaultCollectionLockedAsync(calls)))
        {
            throw Locked();
        }

        foreach (string item in unlocked)
        {
            if (await calls.DeleteItemAsync(item) != SecretServiceCalls.NoObject)
            {
                throw Locked();
            }
        }

        return unlocked.Length > 0;
    });

    private static async Task<bool> DefaultCollectionLockedAsync(SecretServiceCalls calls)
    {
        string collection = await calls.ReadDefaultAliasAsync();
        return collection != SecretServiceCalls.NoObject && await calls.IsLockedAsync(collection);
    }

    private static KeyringException Locked() =>
        new("the keyring is locked (unlock it, e.g. by logging in to the desktop; no unlock prompt is shown)");

    private T Run<T>(string operation, Func<SecretServiceCalls, Task<T>> body)
    {
        try
        {
            if (_busAddress is null)
            {
                throw new KeyringException(
                    "no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set and $XDG_RUNTIME_DIR/bus does not exist");
            }

            // Task.Run: no caller's synchronization context can deadlock the blocking wait below. The
            // operation enforces its own deadline; the outer wait, a little longer, is the backstop
            // should the library ever block a thread instead of awaiting.
            Task<T> task = Task.Run(() => RunAsync(_busAddress, body));
            return task.WaitAsync(Timeout + s_backstopMargin).GetAwaiter().GetResult();
        }
        catch (TimeoutException)
        {
            throw Fail(operation, new KeyringException(DidNotAnswer()));
        }
        catch (KeyringException ex)
        {
            throw Fail(operation, ex);
        }
    }

    private async Task<T> RunAsync<T>(string busAddress, Func<SecretServiceCalls, Task<T>> body)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        using var connection = new DBusConnection(busAddress);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new KeyringException($"the D-Bus session bus did not accept a connection within {Seconds(Timeout)}");
        }
        catch (Exception ex) when (ex is not KeyringException)
        {
            // Connection errors name the socket and the OS error, never a secret.
            throw new KeyringException($"cannot connect to the D-Bus session bus: {ex.Message}", ex);
        }

        try
        {
            var calls = new SecretServiceCalls(connection, deadline.Token);
            await calls.OpenPlainSessionAsync();
            return await body(calls);
        }
        catch (OperationCanceledException)
        {
            throw new KeyringException(DidNotAnswer());
        }
        catch (DBusErrorReplyException ex)
        {
            throw new KeyringException(Describe(ex.ErrorName), ex);
        }
        catch (DBusConnectionClosedException ex)
        {
            throw new KeyringException($"the D-Bus session bus closed the connection: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is not KeyringException)
        {
            // A malformed reply or a library fault: still a keyring failure to the caller, which
            // survives those. Only the type is named; a message could quote reply content.
            throw new KeyringException($"the Secret Service call failed ({ex.GetType().Name})", ex);
        }
    }

    private string DidNotAnswer() => $"the Secret Service did not answer within {Seconds(Timeout)}";

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds >= 1 ? $"{span.TotalSeconds:0.#} s" : $"{span.TotalMilliseconds:0} ms";

    // D-Bus error messages are free text from the service; only the well-known names are shown.
    private static string Describe(string errorName) => errorName switch
    {
        "org.freedesktop.DBus.Error.ServiceUnknown" or "org.freedesktop.DBus.Error.NameHasNoOwner" =>
            $"no Secret Service ({SecretServiceCalls.BusName}) on the D-Bus session bus",
        "org.freedesktop.Secret.Error.IsLocked" => "the keyring is locked (no unlock prompt is shown)",
        "org.freedesktop.DBus.Error.NoReply" or "org.freedesktop.DBus.Error.Timeout" => "the Secret Service did not answer",
        "org.freedesktop.Secret.Error.NoSuchObject" or "org.freedesktop.DBus.Error.UnknownObject" =>
            "the keyring item or collection vanished during the operation",
        "org.freedesktop.DBus.Error.AccessDenied" => "the Secret Service denied access",
        _ => $"the Secret Service refused the request ({errorName})",
    };

    private KeyringException Fail(string operation, KeyringException ex)
    {
        SecretServiceLog.OperationFailed(_logger, operation, ex.Message);
        return ex;
    }
}
