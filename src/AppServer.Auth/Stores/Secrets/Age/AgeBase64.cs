namespace AppServer.Auth.Stores.Secrets.Age;

/// <summary>age's base64: the standard alphabet without padding, canonical encodings only.</summary>
internal static class AgeBase64
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Contains('=', StringComparison.Ordinal) || text.Length % 4 == 1)
        {
            return false;
        }

        string padded = text + new string('=', (4 - (text.Length % 4)) % 4);
        byte[] buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64String(padded, buffer, out int written))
        {
            return false;
        }

        byte[] decoded = buffer[..written];

        // Non-canonical encodings (stray bits in the last character) decode too; the spec rejects them.
        if (!string.Equals(Encode(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}
