using System.Security.Cryptography;

namespace AppServer.DevIssuer.State;

/// <summary>Device-code logins: created by the usercode endpoint, approved by the test, polled by the client.</summary>
internal sealed class DeviceAuthStore
{
    // No 0/O or 1/I, so a code read aloud in a demo is unambiguous.
    private static readonly string s_userCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, DeviceAuthorization> _byId = new(StringComparer.Ordinal);

    public DeviceAuthorization Create()
    {
        var letters = RandomNumberGenerator.GetString(s_userCodeAlphabet, 8);
        var authorization = new DeviceAuthorization(
            "deviceauth-" + RandomNumberGenerator.GetHexString(24, lowercase: true),
            $"{letters[..4]}-{letters[4..]}",
            Approval: null);

        lock (_lock)
        {
            _byId.Add(authorization.DeviceAuthId, authorization);
        }

        return authorization;
    }

    /// <exception cref="ArgumentException">No pending login has <paramref name="userCode"/>.</exception>
    public void Approve(string userCode, DeviceApproval approval)
    {
        lock (_lock)
        {
            var match = _byId.Values.FirstOrDefault(a => string.Equals(a.UserCode, userCode, StringComparison.Ordinal))
                ?? throw new ArgumentException($"No device-code login has user code '{userCode}'.", nameof(userCode));
            _byId[match.DeviceAuthId] = match with { Approval = approval };
        }
    }

    /// <summary>Looks the login up by both ids, which the client must echo together.</summary>
    public DeviceAuthorization? Find(string deviceAuthId, string userCode)
    {
        lock (_lock)
        {
            return _byId.TryGetValue(deviceAuthId, out var found)
                && string.Equals(found.UserCode, userCode, StringComparison.Ordinal)
                ? found
                : null;
        }
    }
}
