using AppServer.Auth.Keyring;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Stores;

/// <summary>
/// What the store factory may use of the machine: the platform keyring, whether a D-Bus session
/// exists, and how to build the secrets backend. Production takes the real ones; tests substitute
/// an in-memory keyring.
/// </summary>
internal sealed record KeyringAccess
{
    /// <summary>The platform keyring, or null where the OS has none. Called at most once.</summary>
    public required Func<IKeyring?> Keyring { get; init; }

    /// <summary>
    /// False on Linux when there is no D-Bus session bus at all: neither
    /// <c>DBUS_SESSION_BUS_ADDRESS</c> nor <c>$XDG_RUNTIME_DIR/bus</c>. Then no Secret Service can answer.
    /// </summary>
    public bool HasSessionBus { get; init; } = true;

    /// <summary>Builds the secrets backend (age file + keyring passphrase) for <c>secret_auth_storage</c>.</summary>
    public required Func<string, string, IKeyring, ILogger, ICredentialStore> SecretsBackend { get; init; }

    /// <summary>Whether a D-Bus session bus can be found from <paramref name="environment"/> (Linux only; elsewhere true).</summary>
    public static bool SessionBusPresent(Func<string, string?> environment)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        if (environment("DBUS_SESSION_BUS_ADDRESS") is { Length: > 0 })
        {
            return true;
        }

        return environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Path.Exists(Path.Combine(runtime, "bus"));
    }
}
