using System.Text;

namespace AppServer.Auth.Keyring.Windows;

/// <summary>
/// How keyring-rs names and encodes a Windows generic credential. Platform-neutral, so it is tested
/// on every OS even though the Credential Manager itself only exists on Windows.
/// </summary>
internal static class CredentialManagerEntry
{
    /// <summary>The Credential Manager's limit on a credential blob (<c>CRED_MAX_CREDENTIAL_BLOB_SIZE</c>, 5 × 512).</summary>
    public const int MaxBlobBytes = 2560;

    /// <summary>keyring-rs's target name: <c>&lt;account&gt;.&lt;service&gt;</c>, e.g. <c>cli|k.Codex Auth</c>.</summary>
    public static string TargetName(string service, string account) => $"{account}.{service}";

    /// <summary>The secret as the UTF-16LE blob keyring-rs writes.</summary>
    /// <exception cref="KeyringException">The blob would exceed <see cref="MaxBlobBytes"/>.</exception>
    public static byte[] EncodeBlob(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        int length = Encoding.Unicode.GetByteCount(secret);
        if (length > MaxBlobBytes)
        {
            // The size only, never the content. The secrets backend keeps just a 44-character
            // passphrase here, which is why Codex defaults to it on Windows.
            throw new KeyringException(
                $"the secret is {length} bytes as UTF-16, more than the {MaxBlobBytes} bytes the Windows Credential Manager stores; use the secrets backend ([features] secret_auth_storage = true) or the file store");
        }

        return Encoding.Unicode.GetBytes(secret);
    }

    /// <summary>Reads a UTF-16LE blob back.</summary>
    /// <exception cref="KeyringException">The blob is not UTF-16 (odd length).</exception>
    public static string DecodeBlob(ReadOnlySpan<byte> blob)
    {
        if (blob.Length % 2 != 0)
        {
            throw new KeyringException("the Credential Manager entry is not a UTF-16 string (odd length)");
        }

        return Encoding.Unicode.GetString(blob);
    }
}
