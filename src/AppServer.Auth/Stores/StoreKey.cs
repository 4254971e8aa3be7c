using System.Security.Cryptography;
using System.Text;

namespace AppServer.Auth.Stores;

/// <summary>
/// The key Codex files one CODEX_HOME's credentials under in a keyring (<c>cli|{key}</c>,
/// <c>secrets|{key}</c>): the first 16 lowercase hex characters of SHA-256 over the UTF-8 bytes of
/// the canonical home path, or of the path as given when it cannot be canonicalised. Two homes
/// never share an entry, and every tool that canonicalises the same way finds the same one.
/// </summary>
internal static class StoreKey
{
    private const int MaxLinkHops = 40;

    /// <summary>The key for <paramref name="codexHome"/>.</summary>
    public static string For(string codexHome)
    {
        ArgumentException.ThrowIfNullOrEmpty(codexHome);
        return Hash(Canonicalize(codexHome) ?? codexHome);
    }

    /// <summary>The key for a path taken as it is (already canonical, or not canonicalisable).</summary>
    public static string Hash(string path)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(path), digest);
        return Convert.ToHexStringLower(digest[..8]);
    }

    /// <summary>
    /// <c>realpath(3)</c> for a directory: absolute, every symbolic link in every component resolved,
    /// no trailing separator. Null when the path does not exist or a link cannot be followed.
    /// </summary>
    public static string? Canonicalize(string path)
    {
        try
        {
            var current = Path.GetFullPath(path);
            for (var hop = 0; hop < MaxLinkHops; hop++)
            {
                var resolved = ResolveOneLink(current, out var changed);
                if (resolved is null)
                {
                    return null;
                }

                if (!changed)
                {
                    return resolved;
                }

                current = resolved;
            }

            // A cycle of links: realpath fails with ELOOP.
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    // Walks the components from the root and replaces the first link found by its target; the caller
    // repeats until no component is a link, so links inside link targets are resolved too.
    private static string? ResolveOneLink(string fullPath, out bool changed)
    {
        changed = false;
        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var info = new DirectoryInfo(next);
            if (info.LinkTarget is { } target)
            {
                var rest = string.Join(Path.DirectorySeparatorChar, parts[(i + 1)..]);
                var targetPath = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                changed = true;
                return rest.Length == 0 ? targetPath : Path.Combine(targetPath, rest);
            }

            if (!info.Exists)
            {
                return null;
            }

            current = next;
        }

        return Path.TrimEndingDirectorySeparator(current);
    }
}
