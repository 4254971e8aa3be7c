using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace AppServer.Auth.Tests.Platform;

/// <summary>Checks the Windows counterpart of 0600: a protected list whose only entry is the current user.</summary>
[SupportedOSPlatform("windows")]
internal static class OwnerOnlyAcl
{
    public static bool Of(FileSystemSecurity security)
    {
        using var identity = WindowsIdentity.GetCurrent();
        var rules = security.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier))
            .Cast<FileSystemAccessRule>()
            .ToList();
        return security.AreAccessRulesProtected
            && rules.Count == 1
            && rules[0].IdentityReference.Equals(identity.User)
            && rules[0].AccessControlType == AccessControlType.Allow;
    }
}
