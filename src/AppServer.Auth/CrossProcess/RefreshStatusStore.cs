using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AppServer.Auth.Refresh;
using AppServer.Auth.Storage;

namespace AppServer.Auth.CrossProcess;

/// <summary>Reads and writes <see cref="RefreshStatusRecord"/> (atomically, mode 0600, like <c>auth.json</c>).</summary>
internal sealed class RefreshStatusStore(string codexHome)
{
    public const string FileName = "appserver-refresh-status.json";

    public string FilePath { get; } = Path.Combine(codexHome, FileName);

    public static string Hash(string refreshToken) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    /// <summary>The recorded permanent failure for this refresh token, if any.</summary>
    public PermanentRefreshError? FindFailure(string refreshToken)
    {
        var record = Read();
        if (record is null || !string.Equals(record.RefreshTokenSha256, Hash(refreshToken), StringComparison.Ordinal))
        {
            return null;
        }

        // Only a reason name counts (Enum.TryParse also takes "42" or "1, 2"), and the message is the
        // contract's for that reason: clients match on it, so text from the file never reaches them.
        foreach (var reason in Enum.GetValues<RefreshFailureKind>())
        {
            if (string.Equals(reason.ToString(), record.Reason, StringComparison.OrdinalIgnoreCase))
            {
                return new PermanentRefreshError(reason, RefreshMessages.For(reason));
            }
        }

        return new PermanentRefreshError(RefreshFailureKind.Other, RefreshMessages.Other);
    }

    public void RecordFailure(string refreshToken, PermanentRefreshError error, DateTimeOffset now)
    {
        var record = new RefreshStatusRecord(Hash(refreshToken), error.Reason.ToString().ToLowerInvariant(), error.Message, now);
        AtomicFileWriter.Write(FilePath, JsonSerializer.SerializeToUtf8Bytes(record, RefreshStatusJsonContext.Default.RefreshStatusRecord));
    }

    /// <summary>Removes the record unless it is about <paramref name="currentRefreshToken"/>.</summary>
    public void RemoveUnlessFor(string? currentRefreshToken)
    {
        var record = Read();
        if (record is not null && (currentRefreshToken is null || !string.Equals(record.RefreshTokenSha256, Hash(currentRefreshToken), StringComparison.Ordinal)))
        {
            File.Delete(FilePath);
        }
    }

    private RefreshStatusRecord? Read()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(FilePath), RefreshStatusJsonContext.Default.RefreshStatusRecord);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // Missing or unreadable: no recorded failure. A damaged record only costs one network call.
            return null;
        }
    }
}
