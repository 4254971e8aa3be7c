namespace AppServer.Auth.Refresh;

/// <summary>
/// A failed refresh: either <see cref="PermanentRefreshError"/> or <see cref="TransientRefreshError"/>.
/// <see cref="Message"/> is safe to show and to log: it never contains token bytes.
/// </summary>
internal abstract record RefreshError(string Message);
