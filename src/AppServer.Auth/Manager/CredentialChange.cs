namespace AppServer.Auth.Manager;

/// <summary>The credentials changed content: login, logout, refresh, adoption or a reload from disk.</summary>
internal sealed record CredentialChange(CredentialSnapshot Previous, CredentialSnapshot Current);
