using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>The health of the credentials in one word.</summary>
public enum AuthHealthState
{
    /// <summary>Usable credentials and no failure outstanding.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>A refresh failed transiently: the cached token is still served; the server tries again after <c>nextAttemptAt</c>.</summary>
    [JsonStringEnumMemberName("retrying")]
    Retrying,

    /// <summary>The credentials cannot recover without a new login (a dead refresh token, a rejected API key).</summary>
    [JsonStringEnumMemberName("needsLogin")]
    NeedsLogin,

    /// <summary>No credentials.</summary>
    [JsonStringEnumMemberName("loggedOut")]
    LoggedOut,
}
