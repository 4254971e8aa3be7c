namespace AppServer.Auth.Manager;

/// <summary>The credentials changed content: login, logout, refresh, adoption or a reload from disk.</summary>
/// <param name="SeenOnDisk">Found by reading <c>auth.json</c> after another process wrote (or removed) it, so its cause is unknown here.</param>
internal sealed record CredentialChange(CredentialSnapshot Previous, CredentialSnapshot Current, bool SeenOnDisk = false);
