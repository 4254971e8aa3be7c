namespace AppServer.Auth.Login;

/// <summary>How polling for a device-code approval ended: approved, or a client-safe error.</summary>
internal sealed record DevicePollResult(DeviceAuthorization? Authorization, string? Error)
{
    public static DevicePollResult Approved(DeviceAuthorization authorization) => new(authorization, null);

    public static DevicePollResult Failure(string error) => new(null, error);
}
