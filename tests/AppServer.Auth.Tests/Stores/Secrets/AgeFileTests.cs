using System.Security.Cryptography;
using System.Text;
using AppServer.Auth.Stores.Secrets.Age;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Stores.Secrets;

[Trait("Requires", "Linux")]
public sealed class AgeFileTests
{
    private const string Passphrase = "Gd8vS0m3Wq6zP4bKx1yTn9eHc2jLr5aUo7fVi3sMgQ0=";
    private static readonly byte[] s_passphrase = Encoding.UTF8.GetBytes(Passphrase);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65536)]
    [InlineData(65537)]
    [InlineData(200_000)]
    public void Decrypt_OwnFile_RoundTrips(int size)
    {
        byte[] plaintext = RandomNumberGenerator.GetBytes(size);

        byte[] file = AgeFile.Encrypt(plaintext, s_passphrase, workFactor: 10);

        AgeFile.Decrypt(file, s_passphrase).Should().Equal(plaintext);
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_UsesFreshKeysSaltsAndNonces()
    {
        byte[] a = AgeFile.Encrypt("same"u8, s_passphrase, workFactor: 10);
        byte[] b = AgeFile.Encrypt("same"u8, s_passphrase, workFactor: 10);

        a.Should().NotEqual(b);
        Encoding.ASCII.GetString(a).Should().StartWith("age-encryption.org/v1\n-> scrypt ");
    }

    [Fact]
    public async Task Decrypt_FileWrittenByDebianAge_ReadsTheWorkFactorFromTheStanza()
    {
        using var dir = new TempDirectory();
        string input = dir.Combine("plain.txt");
        string encrypted = dir.Combine("plain.txt.age");
        byte[] plaintext = Encoding.UTF8.GetBytes("{\"version\":1,\"secrets\":{}}" + new string('x', 70_000));
        await File.WriteAllBytesAsync(input, plaintext);

        (int exit, string terminal) = await AgeCli.EncryptAsync(input, encrypted, Passphrase);
        exit.Should().Be(0, terminal);

        byte[] file = await File.ReadAllBytesAsync(encrypted);
        // age picks 18, not our 14: the reader must take the stanza's value.
        Encoding.ASCII.GetString(file).Split('\n')[1].Should().MatchRegex(@"^-> scrypt \S{22} 18$");
        AgeFile.Decrypt(file, s_passphrase).Should().Equal(plaintext);
    }

    [Fact]
    public async Task DebianAge_FileWrittenHere_DecryptsToThePlaintext()
    {
        using var dir = new TempDirectory();
        string encrypted = dir.Combine("ours.age");
        string decrypted = dir.Combine("ours.txt");
        byte[] plaintext = Encoding.UTF8.GetBytes("{\"version\":1,\"secrets\":{\"global/CODEX_AUTH\":\"{}\"}}" + new string('y', 140_000));
        await File.WriteAllBytesAsync(encrypted, AgeFile.Encrypt(plaintext, s_passphrase));

        (int exit, string terminal) = await AgeCli.DecryptAsync(encrypted, decrypted, Passphrase);

        exit.Should().Be(0, terminal);
        (await File.ReadAllBytesAsync(decrypted)).Should().Equal(plaintext);
    }

    [Fact]
    public async Task DebianAge_WrongPassphrase_RefusesOurFile()
    {
        // The counter-check for the test above: age really verifies what we wrote.
        using var dir = new TempDirectory();
        string encrypted = dir.Combine("ours.age");
        await File.WriteAllBytesAsync(encrypted, AgeFile.Encrypt("secret"u8, s_passphrase));

        (int exit, _) = await AgeCli.DecryptAsync(encrypted, dir.Combine("out.txt"), "not the passphrase");

        exit.Should().NotBe(0);
    }

    [Fact]
    public void Decrypt_WrongPassphrase_SaysSo()
    {
        byte[] file = AgeFile.Encrypt("secret"u8, s_passphrase, workFactor: 10);

        AssertRefused(file, "wrong passphrase*", "other passphrase"u8.ToArray());
    }

    [Fact]
    public void Decrypt_HeaderMacAltered_SaysTheHeaderWasAltered()
    {
        byte[] file = AgeFile.Encrypt("secret"u8, s_passphrase, workFactor: 10);
        int mac = IndexOf(file, "\n--- "u8) + 5;
        file[mac] = file[mac] == (byte)'A' ? (byte)'B' : (byte)'A';

        AssertRefused(file, "the age header MAC does not match*");
    }

    [Fact]
    public void Decrypt_TruncatedAtAChunkBoundary_SaysTruncated()
    {
        byte[] file = AgeFile.Encrypt(new byte[70_000], s_passphrase, workFactor: 10);
        int payload = IndexOf(file, "\n--- "u8) + 5 + 43 + 1;
        byte[] cut = file[..(payload + 16 + 65536 + 16)];

        AssertRefused(cut, "the age payload is truncated");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Decrypt_TruncatedInsideTheLastChunk_SaysTruncatedOrDamaged(int missing)
    {
        byte[] file = AgeFile.Encrypt(new byte[1000], s_passphrase, workFactor: 10);

        AssertRefused(file[..^missing], "the age payload is truncated or damaged*");
    }

    [Fact]
    public void Decrypt_NoPayload_SaysTruncated()
    {
        byte[] file = AgeFile.Encrypt("secret"u8, s_passphrase, workFactor: 10);
        int payload = IndexOf(file, "\n--- "u8) + 5 + 43 + 1;

        AssertRefused(file[..payload], "the age payload is truncated");
        AssertRefused(file[..(payload - 10)], "the age header is truncated or malformed");
    }

    [Fact]
    public void Decrypt_PayloadByteFlipped_SaysDamaged()
    {
        byte[] file = AgeFile.Encrypt(new byte[1000], s_passphrase, workFactor: 10);
        file[^500] ^= 1;

        AssertRefused(file, "the age payload is truncated or damaged*");
    }

    [Fact]
    public void Decrypt_UnknownVersion_NamesIt()
    {
        byte[] file = AgeFile.Encrypt("secret"u8, s_passphrase, workFactor: 10);
        file[20] = (byte)'2'; // age-encryption.org/v1 → v2

        AssertRefused(file, "unsupported age version 'age-encryption.org/v2'*");
    }

    [Fact]
    public void Decrypt_X25519Recipient_SaysNotAPassphraseFile()
    {
        byte[] file = Encoding.ASCII.GetBytes(
            "age-encryption.org/v1\n-> X25519 TEiF0ypqr+bpvcqXNyCVJpL7OuwPdVwPL7KQEbFDOCc\nEmECAEcKN+n/Vs9SbWiV+Hu0r+E8R77DdWYyd83nw7U\n--- Vn+54jqiiUCE+WZcEVY3f1sqHjlu/z1LCQ/T7Xm7qI0\n");

        AssertRefused(file, "the age file is not encrypted with a passphrase (recipient type 'X25519')");
    }

    [Fact]
    public void Decrypt_WorkFactorAboveTheCap_RefusesWithoutDerivingAKey()
    {
        string text = Encoding.Latin1.GetString(AgeFile.Encrypt("secret"u8, s_passphrase, workFactor: 10));
        byte[] file = Encoding.Latin1.GetBytes(text.Replace(" 10\n", " 40\n", StringComparison.Ordinal));

        AssertRefused(file, "the age file's scrypt work factor 40 is above the maximum of 22");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"version\":1}")]
    [InlineData("\u0001\u0002garbage\nmore")]
    public void Decrypt_NotAnAgeFile_SaysSo(string content)
    {
        AssertRefused(Encoding.UTF8.GetBytes(content), "not an age file");
    }

    [Fact]
    public void Decrypt_RandomBytes_SaysNotAnAgeFile()
    {
        byte[] garbage = RandomNumberGenerator.GetBytes(4096);
        garbage[0] = 0;

        AssertRefused(garbage, "not an age file");
    }

    [Fact]
    public void Decrypt_Armored_SaysArmorIsNotRead()
    {
        AssertRefused("-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n"u8.ToArray(), "*ASCII-armored*");
    }

    private static void AssertRefused(byte[] file, string message, byte[]? passphrase = null)
    {
        AgeFormatException ex = FluentActions.Invoking(() => AgeFile.Decrypt(file, passphrase ?? s_passphrase))
            .Should().Throw<AgeFormatException>().WithMessage(message).Which;
        ex.Message.Should().NotContain(Passphrase);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
