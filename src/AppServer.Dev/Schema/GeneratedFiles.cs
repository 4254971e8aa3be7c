using System.Text;

namespace AppServer.Dev.Schema;

/// <summary>Writes generated files, byte for byte as generated (UTF-8 without BOM, LF).</summary>
internal static class GeneratedFiles
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAll(string directory, IEnumerable<GeneratedFile> files)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(directory, file.Name), file.Content, s_utf8);
        }
    }
}
