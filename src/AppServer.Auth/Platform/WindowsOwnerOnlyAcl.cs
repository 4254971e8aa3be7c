using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace AppServer.Auth.Platform;

/// <summary>
/// The Windows counterpart of <c>0600</c>/<c>0700</c>: a protected access list (nothing inherited
/// from the folder above) with one entry, full control for the current user. Built and analysed on
/// every platform; run only on Windows.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsOwnerOnlyAcl
{
    public static FileStream CreateFile(string path)
    {
        var security = new FileSecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.SetOwner(CurrentUser);
        security.AddAccessRule(new FileSystemAccessRule(CurrentUser, FileSystemRights.FullControl, AccessControlType.Allow));
        return new FileInfo(path).Create(FileMode.CreateNew, FileSystemRights.Write | FileSystemRights.Read | FileSystemRights.Delete, FileShare.None, bufferSize: 1, FileOptions.None, security);
    }

    public static void CreateDirectory(string path)
    {
        var security = new DirectorySecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.SetOwner(CurrentUser);
        security.AddAccessRule(new FileSystemAccessRule(
            CurrentUser,
            FileSystemRights.FullControl,
            InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit,
            PropagationFlags.None,
            AccessControlType.Allow));
        // Parents are the user's own folders (%USERPROFILE%): only the folder made for the secrets is restricted.
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } parent)
        {
            Directory.CreateDirectory(parent);
        }

        new DirectoryInfo(path).Create(security);
    }

    private static SecurityIdentifier CurrentUser
    {
        get
        {
            using var identity = WindowsIdentity.GetCurrent();
            return identity.User ?? throw new IOException("The current Windows user has no security identifier.");
        }
    }
}
