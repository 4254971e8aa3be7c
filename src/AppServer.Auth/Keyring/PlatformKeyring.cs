using AppServer.Auth.Keyring.SecretService;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Keyring;

/// <summary>The keyring keyring-rs would use on this OS.</summary>
internal static class PlatformKeyring
{
    /// <summary>
    /// The Secret Service on Linux, the Keychain on macOS, the Credential Manager on Windows; null
    /// on any other OS. Creating one touches nothing: an unusable keyring shows at the first call.
    /// </summary>
    public static IKeyring? ForCurrentOs(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (OperatingSystem.IsLinux())
        {
            return new SecretServiceKeyring(loggerFactory.CreateLogger<SecretServiceKeyring>());
        }

        if (OperatingSystem.IsMacOS())
        {
            return new MacOS.KeychainKeyring();
        }

        if (OperatingSystem.IsWindows())
        {
            return new Windows.CredentialManagerKeyring();
        }

        return null;
    }
}
