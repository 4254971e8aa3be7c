namespace AppServer.DevIssuer.State;

/// <summary>A device-code login in progress; <paramref name="Approval"/> stays null while pending.</summary>
internal sealed record DeviceAuthorization(string DeviceAuthId, string UserCode, DeviceApproval? Approval);
