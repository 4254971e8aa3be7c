using System.Globalization;
using AppServer.Auth.Platform;
using Microsoft.Win32.SafeHandles;

namespace AppServer.Auth.Storage;

/// <summary>Copies a corrupt credential file aside, private to the user, before it is replaced.</summary>
internal static class CorruptFileBackup
{
    /// <summary>
    /// Writes the bytes behind <paramref name="source"/> to <c>&lt;path&gt;.corrupt-&lt;yyyyMMddTHHmmssZ&gt;</c>
    /// (with <c>-2</c>, <c>-3</c>… when that name is taken) and returns the backup's path.
    /// </summary>
    /// <exception cref="IOException">The copy could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public static string Write(SafeFileHandle source, string path, DateTimeOffset now)
    {
        string stem = $"{Path.GetFullPath(path)}.corrupt-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        for (int attempt = 1; ; attempt++)
        {
            string backup = attempt == 1 ? stem : $"{stem}-{attempt.ToString(CultureInfo.InvariantCulture)}";
            FileStream target;
            try
            {
                target = PrivateFileSystem.CreateNew(backup);
            }
            catch (IOException) when (File.Exists(backup) && attempt < 100)
            {
                continue;
            }

            using (target)
            {
                byte[] buffer = new byte[64 * 1024];
                long offset = 0;
                int read;
                while ((read = RandomAccess.Read(source, buffer, offset)) > 0)
                {
                    target.Write(buffer, 0, read);
                    offset += read;
                }

                target.Flush(flushToDisk: true);
            }

            return backup;
        }
    }
}
