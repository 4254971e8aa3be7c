using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;

namespace AppServer.Auth.Keyring.MacOS;

/// <summary>
/// The macOS login Keychain: a generic password per entry (service, account), as keyring-rs stores
/// it. User interaction is switched off for the process, so a locked Keychain is reported instead
/// of raising a dialog. Built on every OS, run only on macOS.
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed unsafe class KeychainKeyring : IKeyring
{
    public string Name => "macOS Keychain";

    public string? Read(string service, string account) => BlockingKeyringCall.Run(Name, () =>
    {
        NoDialogs();
        byte[] serviceBytes = Encoding.UTF8.GetBytes(service);
        byte[] accountBytes = Encoding.UTF8.GetBytes(account);
        uint length;
        void* data;
        int status;
        fixed (byte* s = serviceBytes)
        fixed (byte* a = accountBytes)
        {
            status = KeychainNative.SecKeychainFindGenericPassword(0, (uint)serviceBytes.Length, s, (uint)accountBytes.Length, a, &length, &data, null);
        }

        if (status == KeychainNative.ErrSecItemNotFound)
        {
            return null;
        }

        if (status != KeychainNative.ErrSecSuccess)
        {
            throw Failure("read", status);
        }

        try
        {
            return Encoding.UTF8.GetString(new ReadOnlySpan<byte>(data, (int)length));
        }
        finally
        {
            KeychainNative.SecKeychainItemFreeContent(null, data);
        }
    }, BlockingKeyringCall.DefaultTimeout);

    public void Write(string service, string account, string secret)
    {
        byte[] secretBytes = Encoding.UTF8.GetBytes(secret);
        try
        {
            BlockingKeyringCall.Run(Name, () =>
            {
                NoDialogs();
                byte[] serviceBytes = Encoding.UTF8.GetBytes(service);
                byte[] accountBytes = Encoding.UTF8.GetBytes(account);
                fixed (byte* s = serviceBytes)
                fixed (byte* a = accountBytes)
                fixed (byte* p = secretBytes)
                {
                    nint item = 0;
                    int status = KeychainNative.SecKeychainFindGenericPassword(0, (uint)serviceBytes.Length, s, (uint)accountBytes.Length, a, null, null, &item);
                    if (status == KeychainNative.ErrSecSuccess)
                    {
                        try
                        {
                            status = KeychainNative.SecKeychainItemModifyAttributesAndData(item, null, (uint)secretBytes.Length, p);
                        }
                        finally
                        {
                            KeychainNative.CFRelease(item);
                        }
                    }
                    else if (status == KeychainNative.ErrSecItemNotFound)
                    {
                        status = KeychainNative.SecKeychainAddGenericPassword(0, (uint)serviceBytes.Length, s, (uint)accountBytes.Length, a, (uint)secretBytes.Length, p, null);
                    }

                    if (status != KeychainNative.ErrSecSuccess)
                    {
                        throw Failure("write", status);
                    }
                }

                return true;
            }, BlockingKeyringCall.DefaultTimeout);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretBytes);
        }
    }

    public bool Delete(string service, string account) => BlockingKeyringCall.Run(Name, () =>
    {
        NoDialogs();
        byte[] serviceBytes = Encoding.UTF8.GetBytes(service);
        byte[] accountBytes = Encoding.UTF8.GetBytes(account);
        nint item = 0;
        int status;
        fixed (byte* s = serviceBytes)
        fixed (byte* a = accountBytes)
        {
            status = KeychainNative.SecKeychainFindGenericPassword(0, (uint)serviceBytes.Length, s, (uint)accountBytes.Length, a, null, null, &item);
        }

        if (status == KeychainNative.ErrSecItemNotFound)
        {
            return false;
        }

        if (status != KeychainNative.ErrSecSuccess)
        {
            throw Failure("delete", status);
        }

        try
        {
            status = KeychainNative.SecKeychainItemDelete(item);
        }
        finally
        {
            KeychainNative.CFRelease(item);
        }

        return status == KeychainNative.ErrSecSuccess ? true : throw Failure("delete", status);
    }, BlockingKeyringCall.DefaultTimeout);

    // Process-wide and idempotent: a dialog from a server with no UI would wait for nobody.
    private static void NoDialogs() => KeychainNative.SecKeychainSetUserInteractionAllowed(false);

    private static KeyringException Failure(string operation, int status) => status switch
    {
        KeychainNative.ErrSecInteractionNotAllowed or KeychainNative.ErrSecAuthFailed =>
            new KeyringException($"the keyring is locked (macOS Keychain {operation}; no unlock dialog is shown)"),
        KeychainNative.ErrSecNoSuchKeychain => new KeyringException("the macOS Keychain has no default keychain"),
        _ => new KeyringException($"the macOS Keychain {operation} failed (OSStatus {status})"),
    };
}
