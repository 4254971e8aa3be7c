using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace AppServer.Auth.Keyring.Windows;

/// <summary>
/// The Windows Credential Manager: one generic credential per entry, named and encoded as keyring-rs
/// does (<see cref="CredentialManagerEntry"/>), persisted <c>CRED_PERSIST_ENTERPRISE</c> (roams with
/// the profile, as keyring-rs's do). Built on every OS, run only on Windows.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class CredentialManagerKeyring : IKeyring
{
    public string Name => "Windows Credential Manager";

    public string? Read(string service, string account) => BlockingKeyringCall.Run<string?>(Name, () =>
    {
        if (!CredentialManagerNative.CredRead(CredentialManagerEntry.TargetName(service, account), CredentialManagerNative.CredTypeGeneric, 0, out CredentialManagerNative.Credential* credential))
        {
            int error = Marshal.GetLastPInvokeError();
            return error == CredentialManagerNative.ErrorNotFound ? null : throw Failure("read", error);
        }

        try
        {
            return CredentialManagerEntry.DecodeBlob(new ReadOnlySpan<byte>(credential->CredentialBlob, (int)credential->CredentialBlobSize));
        }
        finally
        {
            CredentialManagerNative.CredFree(credential);
        }
    }, BlockingKeyringCall.DefaultTimeout);

    public void Write(string service, string account, string secret)
    {
        byte[] blob = CredentialManagerEntry.EncodeBlob(secret);
        try
        {
            BlockingKeyringCall.Run(Name, () =>
            {
                fixed (char* target = CredentialManagerEntry.TargetName(service, account))
                fixed (char* user = account)
                fixed (byte* data = blob)
                {
                    var credential = new CredentialManagerNative.Credential
                    {
                        Type = CredentialManagerNative.CredTypeGeneric,
                        TargetName = target,
                        UserName = user,
                        CredentialBlobSize = (uint)blob.Length,
                        CredentialBlob = data,
                        Persist = CredentialManagerNative.CredPersistEnterprise,
                    };
                    if (!CredentialManagerNative.CredWrite(&credential, 0))
                    {
                        throw Failure("write", Marshal.GetLastPInvokeError());
                    }
                }

                return true;
            }, BlockingKeyringCall.DefaultTimeout);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    public bool Delete(string service, string account) => BlockingKeyringCall.Run(Name, () =>
    {
        if (CredentialManagerNative.CredDelete(CredentialManagerEntry.TargetName(service, account), CredentialManagerNative.CredTypeGeneric, 0))
        {
            return true;
        }

        int error = Marshal.GetLastPInvokeError();
        return error == CredentialManagerNative.ErrorNotFound ? false : throw Failure("delete", error);
    }, BlockingKeyringCall.DefaultTimeout);

    private static KeyringException Failure(string operation, int error) => error == CredentialManagerNative.ErrorNoSuchLogonSession
        ? new KeyringException($"the Windows Credential Manager is not available in this logon session ({operation})")
        : new KeyringException($"the Windows Credential Manager {operation} failed (Win32 error {error})");
}
