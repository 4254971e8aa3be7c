using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AppServer.Auth.Stores.Secrets.Age;

/// <summary>
/// The age v1 file format (C2SP age spec) with one passphrase (<c>scrypt</c>) recipient: the
/// binary (not armored) form Codex writes for <c>$CODEX_HOME/secrets/*.age</c>. Only the BCL's
/// ChaCha20-Poly1305, HKDF and HMAC-SHA-256, plus <see cref="Scrypt"/>.
/// </summary>
internal static class AgeFile
{
    /// <summary>
    /// The largest scrypt work factor read: 2^22 × 1 KiB = 4 GiB of memory. Codex writes 19 or 20; a
    /// file asking for more is refused rather than allowed to exhaust the machine.
    /// </summary>
    public const int MaxWorkFactor = 22;

    /// <summary>
    /// The work factor written. The passphrase is 32 random bytes, so the work factor adds nothing
    /// against guessing it (2^256 tries at any cost are out of reach); 2^14 keeps every save at
    /// 16 MiB and tens of milliseconds instead of Codex's 1 GiB and a second.
    /// </summary>
    public const int DefaultWorkFactor = 14;

    private const string Version = "age-encryption.org/v1";
    private const string ScryptLabel = "age-encryption.org/v1/scrypt";
    private const int FileKeyBytes = 16;
    private const int SaltBytes = 16;
    private const int NonceBytes = 16;
    private const int TagBytes = 16;
    private const int ChunkBytes = 64 * 1024;
    private const int ColumnsPerLine = 64;

    /// <summary>Encrypts <paramref name="plaintext"/> to a fresh file key, salt and nonce.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> passphrase, int workFactor = DefaultWorkFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workFactor, MaxWorkFactor);
        byte[] fileKey = RandomNumberGenerator.GetBytes(FileKeyBytes);
        try
        {
            byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
            byte[] wrapped = new byte[FileKeyBytes + TagBytes];
            byte[] wrapKey = ScryptKey(passphrase, salt, workFactor);
            try
            {
                using var aead = new ChaCha20Poly1305(wrapKey);
                aead.Encrypt(stackalloc byte[12], fileKey, wrapped.AsSpan(0, FileKeyBytes), wrapped.AsSpan(FileKeyBytes));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(wrapKey);
            }

            var header = new StringBuilder();
            header.Append(Version).Append('\n');
            header.Append("-> scrypt ").Append(AgeBase64.Encode(salt)).Append(' ')
                .Append(workFactor.ToString(CultureInfo.InvariantCulture)).Append('\n');
            AppendBody(header, wrapped);
            header.Append("---");
            byte[] headerBytes = Encoding.ASCII.GetBytes(header.ToString());
            byte[] mac = HeaderMac(fileKey, headerBytes);
            byte[] macLine = Encoding.ASCII.GetBytes(" " + AgeBase64.Encode(mac) + "\n");

            byte[] nonce = RandomNumberGenerator.GetBytes(NonceBytes);
            int chunks = Math.Max(1, (plaintext.Length + ChunkBytes - 1) / ChunkBytes);
            byte[] output = new byte[headerBytes.Length + macLine.Length + NonceBytes + plaintext.Length + (chunks * TagBytes)];
            var cursor = new Span<byte>(output);
            headerBytes.CopyTo(cursor);
            cursor = cursor[headerBytes.Length..];
            macLine.CopyTo(cursor);
            cursor = cursor[macLine.Length..];
            nonce.CopyTo(cursor);
            cursor = cursor[NonceBytes..];

            byte[] payloadKey = PayloadKey(fileKey, nonce);
            try
            {
                using var aead = new ChaCha20Poly1305(payloadKey);
                Span<byte> chunkNonce = stackalloc byte[12];
                for (int i = 0; i < chunks; i++)
                {
                    ReadOnlySpan<byte> chunk = plaintext.Slice(i * ChunkBytes, Math.Min(ChunkBytes, plaintext.Length - (i * ChunkBytes)));
                    ChunkNonce(chunkNonce, i, last: i == chunks - 1);
                    aead.Encrypt(chunkNonce, chunk, cursor[..chunk.Length], cursor.Slice(chunk.Length, TagBytes));
                    cursor = cursor[(chunk.Length + TagBytes)..];
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(payloadKey);
            }

            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fileKey);
        }
    }

    /// <summary>Decrypts an age file encrypted with <paramref name="passphrase"/>.</summary>
    /// <exception cref="AgeFormatException">Wrong passphrase, a damaged, truncated or unsupported file.</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> file, ReadOnlySpan<byte> passphrase)
    {
        var reader = new HeaderReader(file);
        string first = reader.ReadLine();
        if (first != Version)
        {
            throw new AgeFormatException(DescribeFirstLine(first));
        }

        var stanzas = new List<(string[] Args, byte[] Body)>();
        int macStart;
        string macText;
        while (true)
        {
            int lineStart = reader.Position;
            string line = reader.ReadLine();
            if (line.StartsWith("-> ", StringComparison.Ordinal))
            {
                string[] args = line[3..].Split(' ');
                if (args.Any(static a => a.Length == 0))
                {
                    throw new AgeFormatException("malformed age header (empty stanza argument)");
                }

                stanzas.Add((args, reader.ReadBody()));
            }
            else if (line.StartsWith("---", StringComparison.Ordinal))
            {
                if (!line.StartsWith("--- ", StringComparison.Ordinal))
                {
                    throw new AgeFormatException("malformed age header (no MAC)");
                }

                macStart = lineStart;
                macText = line[4..];
                break;
            }
            else
            {
                throw new AgeFormatException("malformed age header");
            }
        }

        byte[] fileKey = UnwrapFileKey(stanzas, passphrase);
        try
        {
            if (!AgeBase64.TryDecode(macText, out byte[] mac) || mac.Length != 32)
            {
                throw new AgeFormatException("malformed age header (bad MAC encoding)");
            }

            byte[] expected = HeaderMac(fileKey, file[..(macStart + 3)]);
            if (!CryptographicOperations.FixedTimeEquals(mac, expected))
            {
                throw new AgeFormatException("the age header MAC does not match: the header was altered or damaged");
            }

            return DecryptPayload(file[reader.Position..], fileKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fileKey);
        }
    }

    private static byte[] UnwrapFileKey(List<(string[] Args, byte[] Body)> stanzas, ReadOnlySpan<byte> passphrase)
    {
        if (stanzas.Count == 0)
        {
            throw new AgeFormatException("the age file has no recipient stanza");
        }

        (string[] args, byte[] body) = stanzas[0];
        if (args[0] != "scrypt")
        {
            throw new AgeFormatException($"the age file is not encrypted with a passphrase (recipient type {SafeName(args[0])})");
        }

        if (stanzas.Count != 1)
        {
            // The spec forbids mixing a passphrase with other recipients.
            throw new AgeFormatException("the age file's scrypt stanza is not its only recipient");
        }

        if (args.Length != 3 || !AgeBase64.TryDecode(args[1], out byte[] salt) || salt.Length != SaltBytes)
        {
            throw new AgeFormatException("malformed scrypt stanza");
        }

        int workFactor = ParseWorkFactor(args[2]);
        if (body.Length != FileKeyBytes + TagBytes)
        {
            throw new AgeFormatException("malformed scrypt stanza (wrong body length)");
        }

        byte[] key = ScryptKey(passphrase, salt, workFactor);
        byte[] fileKey = new byte[FileKeyBytes];
        try
        {
            using var aead = new ChaCha20Poly1305(key);
            aead.Decrypt(stackalloc byte[12], body.AsSpan(0, FileKeyBytes), body.AsSpan(FileKeyBytes), fileKey);
            return fileKey;
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new AgeFormatException("wrong passphrase: the age file's scrypt stanza does not open with it");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static int ParseWorkFactor(string text)
    {
        // Decimal, no sign, no leading zero.
        if (text.Length is 0 or > 2 || text[0] == '0' || !text.All(char.IsAsciiDigit))
        {
            throw new AgeFormatException("malformed scrypt stanza (work factor)");
        }

        int workFactor = int.Parse(text, CultureInfo.InvariantCulture);
        return workFactor > MaxWorkFactor
            ? throw new AgeFormatException($"the age file's scrypt work factor {workFactor} is above the maximum of {MaxWorkFactor}")
            : workFactor;
    }

    private static byte[] DecryptPayload(ReadOnlySpan<byte> payload, byte[] fileKey)
    {
        if (payload.Length < NonceBytes + TagBytes)
        {
            throw new AgeFormatException("the age payload is truncated");
        }

        byte[] payloadKey = PayloadKey(fileKey, payload[..NonceBytes]);
        try
        {
            using var aead = new ChaCha20Poly1305(payloadKey);
            ReadOnlySpan<byte> rest = payload[NonceBytes..];
            int chunks = (rest.Length + ChunkBytes + TagBytes - 1) / (ChunkBytes + TagBytes);
            byte[] plaintext = new byte[rest.Length - (chunks * TagBytes) is var n and >= 0 ? n : 0];
            Span<byte> nonce = stackalloc byte[12];
            int written = 0;
            for (int i = 0; i < chunks; i++)
            {
                int length = Math.Min(ChunkBytes + TagBytes, rest.Length);
                if (length < TagBytes)
                {
                    throw new AgeFormatException("the age payload is truncated");
                }

                ReadOnlySpan<byte> chunk = rest[..length];
                Span<byte> output = plaintext.AsSpan(written, length - TagBytes);
                bool last = i == chunks - 1;
                if (last && i > 0 && length == TagBytes)
                {
                    throw new AgeFormatException("the age payload ends with an empty chunk");
                }

                ChunkNonce(nonce, i, last);
                if (!TryOpen(aead, nonce, chunk, output))
                {
                    // A full chunk that opens as a middle chunk means the rest was cut off.
                    ChunkNonce(nonce, i, last: false);
                    throw new AgeFormatException(last && TryOpen(aead, nonce, chunk, output)
                        ? "the age payload is truncated"
                        : "the age payload is truncated or damaged (a chunk does not authenticate)");
                }

                written += output.Length;
                rest = rest[length..];
            }

            return plaintext;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payloadKey);
        }
    }

    private static bool TryOpen(ChaCha20Poly1305 aead, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> chunk, Span<byte> output)
    {
        try
        {
            aead.Decrypt(nonce, chunk[..^TagBytes], chunk[^TagBytes..], output);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private static byte[] ScryptKey(ReadOnlySpan<byte> passphrase, ReadOnlySpan<byte> salt, int workFactor)
    {
        byte[] labelledSalt = [.. Encoding.ASCII.GetBytes(ScryptLabel), .. salt];
        try
        {
            return Scrypt.DeriveKey(passphrase, labelledSalt, workFactor, r: 8, p: 1, length: 32);
        }
        catch (OutOfMemoryException)
        {
            throw new AgeFormatException($"not enough memory for the age file's scrypt work factor {workFactor}");
        }
    }

    private static byte[] HeaderMac(ReadOnlySpan<byte> fileKey, ReadOnlySpan<byte> header)
    {
        byte[] key = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey.ToArray(), 32, [], "header"u8.ToArray());
        try
        {
            return HMACSHA256.HashData(key, header);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] PayloadKey(byte[] fileKey, ReadOnlySpan<byte> nonce) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, nonce.ToArray(), "payload"u8.ToArray());

    // STREAM nonce: an 11-byte big-endian chunk counter, then 0x01 for the last chunk, else 0x00.
    private static void ChunkNonce(Span<byte> nonce, long counter, bool last)
    {
        nonce.Clear();
        BinaryPrimitives.WriteInt64BigEndian(nonce[3..11], counter);
        nonce[11] = last ? (byte)1 : (byte)0;
    }

    private static void AppendBody(StringBuilder header, ReadOnlySpan<byte> body)
    {
        // Lines of 64 columns; the last is shorter (possibly empty), which is how a reader knows it is last.
        string encoded = AgeBase64.Encode(body);
        int offset = 0;
        while (true)
        {
            int length = Math.Min(ColumnsPerLine, encoded.Length - offset);
            header.Append(encoded, offset, length).Append('\n');
            offset += length;
            if (length < ColumnsPerLine)
            {
                return;
            }
        }
    }

    private static string DescribeFirstLine(string line)
    {
        if (line.StartsWith("-----BEGIN AGE ENCRYPTED FILE-----", StringComparison.Ordinal))
        {
            return "the age file is ASCII-armored, which this reader does not handle";
        }

        return line.StartsWith("age-encryption.org/", StringComparison.Ordinal)
            ? $"unsupported age version {SafeName(line)} (only age-encryption.org/v1 is read)"
            : "not an age file";
    }

    // Echo a name from the file only when it is short and plainly a name, never arbitrary bytes.
    private static string SafeName(string text) =>
        text.Length <= 40 && text.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '-' or '_')
            ? $"'{text}'"
            : "(unrecognised)";

    private ref struct HeaderReader(ReadOnlySpan<byte> file)
    {
        // A real header is a few hundred bytes; this bounds the work on a file that is not one.
        private const int MaxHeaderBytes = 64 * 1024;

        private readonly ReadOnlySpan<byte> _file = file;

        public int Position { get; private set; }

        public string ReadLine()
        {
            ReadOnlySpan<byte> rest = _file[Position..];
            int end = rest.IndexOf((byte)'\n');
            if (end < 0 || Position + end > MaxHeaderBytes)
            {
                throw new AgeFormatException(Position == 0 && end < 0 && !rest.StartsWith("age-"u8)
                    ? "not an age file"
                    : "the age header is truncated or malformed");
            }

            ReadOnlySpan<byte> line = rest[..end];
            foreach (byte b in line)
            {
                if (b is < 0x20 or > 0x7E)
                {
                    throw new AgeFormatException(Position == 0 ? "not an age file" : "malformed age header (non-text bytes)");
                }
            }

            Position += end + 1;
            return Encoding.ASCII.GetString(line);
        }

        public byte[] ReadBody()
        {
            var body = new List<byte>();
            while (true)
            {
                string line = ReadLine();
                if (line.Length > ColumnsPerLine || !AgeBase64.TryDecode(line, out byte[] bytes))
                {
                    throw new AgeFormatException("malformed age header (stanza body)");
                }

                body.AddRange(bytes);
                if (line.Length < ColumnsPerLine)
                {
                    return [.. body];
                }
            }
        }
    }
}
