namespace AppServer.Auth.Storage;

/// <summary>
/// Where a write to a path really lands. Dotfile managers keep <c>auth.json</c> as a symlink into a
/// repository; renaming a temp file over the link would replace the link with a regular file and
/// leave the target holding the old (spent) refresh token. Writers resolve the link and replace
/// the final target instead, so the link stays and everything reading through it sees the new file.
/// </summary>
internal static class LinkTarget
{
    /// <summary>
    /// The final target of <paramref name="path"/> when it is a symlink (a chain is followed to its
    /// end, relative targets against their link's directory; a dangling link yields the path it
    /// points at), otherwise <paramref name="path"/> itself, as a full path.
    /// </summary>
    /// <exception cref="IOException">The link cannot be resolved (a loop, too many levels).</exception>
    public static string Resolve(string path)
    {
        string fullPath = Path.GetFullPath(path);
        FileSystemInfo? target;
        try
        {
            target = File.ResolveLinkTarget(fullPath, returnFinalTarget: true);
        }
        catch (FileNotFoundException)
        {
            return fullPath;
        }
        catch (DirectoryNotFoundException)
        {
            return fullPath;
        }

        return target is null ? fullPath : Path.GetFullPath(target.FullName);
    }
}
