using System.Text;
using AppServer.Auth.Refresh;

namespace AppServer.Auth.Login;

/// <summary>The issuer's answer to a device-code request (docs/codex-compatibility.md §8.2 step 1).</summary>
/// <param name="DeviceAuthId">Identifies the attempt when polling. Secret-ish: never logged.</param>
/// <param name="UserCode">The code the user types at the verification URL.</param>
/// <param name="Interval">How long to wait between polls.</param>
internal sealed record DeviceUserCode(string DeviceAuthId, string UserCode, TimeSpan Interval)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("DeviceAuthId = ").Append(RedactedText.Describe(DeviceAuthId))
            .Append(", UserCode = ").Append(RedactedText.Describe(UserCode))
            .Append(", Interval = ").Append(Interval);
        return true;
    }
}
