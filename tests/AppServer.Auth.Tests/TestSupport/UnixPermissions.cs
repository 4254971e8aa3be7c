namespace AppServer.Auth.Tests.TestSupport;

internal static class UnixPermissions
{
    public const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode Mode0555 =
        UnixFileMode.UserRead | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public const UnixFileMode Mode0755 = Mode0555 | UnixFileMode.UserWrite;
}
