using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace AppServer.Auth.Stores.Secrets.Age;

/// <summary>
/// scrypt (RFC 7914) on the BCL's PBKDF2-HMAC-SHA256. Implemented here rather than taken from a
/// library: the only candidate on the package mirror is BouncyCastle, a 5 MB assembly for one
/// function, and scrypt is short and pinned by the RFC's test vectors.
/// </summary>
internal static class Scrypt
{
    /// <summary>Derives <paramref name="length"/> bytes with cost N = 2^<paramref name="logN"/>, block size r, parallelism p.</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int logN, int r, int p, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(logN, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(logN, 30);
        ArgumentOutOfRangeException.ThrowIfLessThan(r, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 1);
        int n = 1 << logN;
        int blockWords = 32 * r; // 128·r bytes
        byte[] b = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1, HashAlgorithmName.SHA256, p * 128 * r);
        uint[] x = new uint[blockWords];
        uint[] y = new uint[blockWords];
        uint[] v = new uint[checked(blockWords * n)];
        try
        {
            for (int i = 0; i < p; i++)
            {
                Span<byte> chunk = b.AsSpan(i * 128 * r, 128 * r);
                for (int w = 0; w < blockWords; w++)
                {
                    x[w] = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(w * 4)..]);
                }

                RoMix(x, y, v, n, r);
                for (int w = 0; w < blockWords; w++)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(chunk[(w * 4)..], x[w]);
                }
            }

            return Rfc2898DeriveBytes.Pbkdf2(password, b, 1, HashAlgorithmName.SHA256, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(b);
            Array.Clear(x);
            Array.Clear(y);
            Array.Clear(v);
        }
    }

    private static void RoMix(uint[] x, uint[] y, uint[] v, int n, int r)
    {
        int blockWords = 32 * r;
        for (int i = 0; i < n; i++)
        {
            x.CopyTo(v, i * blockWords);
            BlockMix(x, y, r);
        }

        for (int i = 0; i < n; i++)
        {
            // Integerify: the first word of the last 64-byte block, modulo N (a power of two).
            int j = (int)(x[blockWords - 16] & (uint)(n - 1));
            Span<uint> vj = v.AsSpan(j * blockWords, blockWords);
            for (int w = 0; w < blockWords; w++)
            {
                x[w] ^= vj[w];
            }

            BlockMix(x, y, r);
        }
    }

    // scryptBlockMix: Y_i = Salsa20/8(Y_{i-1} xor B_i); output the even blocks, then the odd ones.
    private static void BlockMix(uint[] b, uint[] y, int r)
    {
        Span<uint> t = stackalloc uint[16];
        b.AsSpan((2 * r - 1) * 16, 16).CopyTo(t);
        for (int i = 0; i < 2 * r; i++)
        {
            Span<uint> bi = b.AsSpan(i * 16, 16);
            for (int w = 0; w < 16; w++)
            {
                t[w] ^= bi[w];
            }

            Salsa20x8(t);
            int target = (i % 2 == 0 ? i / 2 : r + (i / 2)) * 16;
            t.CopyTo(y.AsSpan(target, 16));
        }

        y.AsSpan(0, 32 * r).CopyTo(b);
    }

    private static void Salsa20x8(Span<uint> block)
    {
        uint x0 = block[0], x1 = block[1], x2 = block[2], x3 = block[3];
        uint x4 = block[4], x5 = block[5], x6 = block[6], x7 = block[7];
        uint x8 = block[8], x9 = block[9], x10 = block[10], x11 = block[11];
        uint x12 = block[12], x13 = block[13], x14 = block[14], x15 = block[15];
        for (int i = 0; i < 8; i += 2)
        {
            // Columns.
            x4 ^= BitOperations.RotateLeft(x0 + x12, 7); x8 ^= BitOperations.RotateLeft(x4 + x0, 9);
            x12 ^= BitOperations.RotateLeft(x8 + x4, 13); x0 ^= BitOperations.RotateLeft(x12 + x8, 18);
            x9 ^= BitOperations.RotateLeft(x5 + x1, 7); x13 ^= BitOperations.RotateLeft(x9 + x5, 9);
            x1 ^= BitOperations.RotateLeft(x13 + x9, 13); x5 ^= BitOperations.RotateLeft(x1 + x13, 18);
            x14 ^= BitOperations.RotateLeft(x10 + x6, 7); x2 ^= BitOperations.RotateLeft(x14 + x10, 9);
            x6 ^= BitOperations.RotateLeft(x2 + x14, 13); x10 ^= BitOperations.RotateLeft(x6 + x2, 18);
            x3 ^= BitOperations.RotateLeft(x15 + x11, 7); x7 ^= BitOperations.RotateLeft(x3 + x15, 9);
            x11 ^= BitOperations.RotateLeft(x7 + x3, 13); x15 ^= BitOperations.RotateLeft(x11 + x7, 18);

            // Rows.
            x1 ^= BitOperations.RotateLeft(x0 + x3, 7); x2 ^= BitOperations.RotateLeft(x1 + x0, 9);
            x3 ^= BitOperations.RotateLeft(x2 + x1, 13); x0 ^= BitOperations.RotateLeft(x3 + x2, 18);
            x6 ^= BitOperations.RotateLeft(x5 + x4, 7); x7 ^= BitOperations.RotateLeft(x6 + x5, 9);
            x4 ^= BitOperations.RotateLeft(x7 + x6, 13); x5 ^= BitOperations.RotateLeft(x4 + x7, 18);
            x11 ^= BitOperations.RotateLeft(x10 + x9, 7); x8 ^= BitOperations.RotateLeft(x11 + x10, 9);
            x9 ^= BitOperations.RotateLeft(x8 + x11, 13); x10 ^= BitOperations.RotateLeft(x9 + x8, 18);
            x12 ^= BitOperations.RotateLeft(x15 + x14, 7); x13 ^= BitOperations.RotateLeft(x12 + x15, 9);
            x14 ^= BitOperations.RotateLeft(x13 + x12, 13); x15 ^= BitOperations.RotateLeft(x14 + x13, 18);
        }

        block[0] += x0; block[1] += x1; block[2] += x2; block[3] += x3;
        block[4] += x4; block[5] += x5; block[6] += x6; block[7] += x7;
        block[8] += x8; block[9] += x9; block[10] += x10; block[11] += x11;
        block[12] += x12; block[13] += x13; block[14] += x14; block[15] += x15;
    }
}
