namespace AppServer.Auth.Keyring.SecretService;

/// <summary>Where the D-Bus session bus is, found the way libdbus and zbus find it.</summary>
internal static class SessionBusAddress
{
    /// <summary>
    /// <c>DBUS_SESSION_BUS_ADDRESS</c>, else <c>unix:path=$XDG_RUNTIME_DIR/bus</c> when that socket
    /// exists; null when neither gives a bus (a headless session, a container).
    /// </summary>
    public static string? FromEnvironment()
    {
        string? address = Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
        if (!string.IsNullOrWhiteSpace(address))
        {
            return address;
        }

        string? runtimeDir = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (string.IsNullOrEmpty(runtimeDir))
        {
            return null;
        }

        string socket = Path.Combine(runtimeDir, "bus");
        return File.Exists(socket) ? "unix:path=" + socket : null;
    }
}
