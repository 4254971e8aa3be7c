namespace AppServer.Auth.Login;

/// <summary>Why a device-code login could not start; the host picks the JSON-RPC error by it (docs/codex-compatibility.md §6.2).</summary>
internal enum DeviceCodeStartFailure
{
    /// <summary>The usercode endpoint answered 404: -32600 with <see cref="LoginMessages.DeviceCodeNotEnabled"/> as is.</summary>
    NotEnabled,

    /// <summary>Any other failure: -32603 <c>failed to request device code: {Message}</c>.</summary>
    RequestFailed,
}
