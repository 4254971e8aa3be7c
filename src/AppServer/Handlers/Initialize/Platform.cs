namespace AppServer.Handlers.Initialize;

/// <summary>The <c>platformFamily</c> / <c>platformOs</c> values of the <c>initialize</c> result.</summary>
internal static class Platform
{
    public static string Family => OperatingSystem.IsWindows() ? "windows" : "unix";

    public static string OsName =>
        OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux";
}
