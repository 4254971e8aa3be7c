using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace AppServer.Auth.Keyring.MacOS;

/// <summary>
/// The Security.framework generic-password functions keyring-rs itself uses on macOS (through the
/// security-framework crate), so both tools address the same Keychain item.
/// </summary>
[SupportedOSPlatform("macos")]
internal static unsafe partial class KeychainNative
{
    private const string Security = "/System/Library/Frameworks/Security.framework/Security";
    private const string CoreFoundation = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation";

    public const int ErrSecSuccess = 0;
    public const int ErrSecItemNotFound = -25300;
    public const int ErrSecDuplicateItem = -25299;
    public const int ErrSecInteractionNotAllowed = -25308;
    public const int ErrSecAuthFailed = -25293;
    public const int ErrSecNoSuchKeychain = -25294;

    [LibraryImport(Security)]
    public static partial int SecKeychainSetUserInteractionAllowed([MarshalAs(UnmanagedType.U1)] bool state);

    [LibraryImport(Security)]
    public static partial int SecKeychainFindGenericPassword(
        nint keychainOrArray,
        uint serviceNameLength,
        byte* serviceName,
        uint accountNameLength,
        byte* accountName,
        uint* passwordLength,
        void** passwordData,
        nint* itemRef);

    [LibraryImport(Security)]
    public static partial int SecKeychainAddGenericPassword(
        nint keychain,
        uint serviceNameLength,
        byte* serviceName,
        uint accountNameLength,
        byte* accountName,
        uint passwordLength,
        byte* passwordData,
        nint* itemRef);

    [LibraryImport(Security)]
    public static partial int SecKeychainItemModifyAttributesAndData(nint itemRef, void* attrList, uint length, byte* data);

    [LibraryImport(Security)]
    public static partial int SecKeychainItemDelete(nint itemRef);

    [LibraryImport(Security)]
    public static partial int SecKeychainItemFreeContent(void* attrList, void* data);

    [LibraryImport(CoreFoundation)]
    public static partial void CFRelease(nint cf);
}
