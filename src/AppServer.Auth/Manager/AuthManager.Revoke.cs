using AppServer.Auth.Revoke;
using AppServer.Auth.Storage;

namespace AppServer.Auth.Manager;

internal sealed partial class AuthManager
{
    /// <summary>
    /// Raised after a logout or a login through this process has removed managed ChatGPT tokens
    /// that the issuer should forget. It is raised after the local change is saved and published,
    /// so whatever the revoke does, the local logout has already happened. Handlers must not block.
    /// A change another process made (a reload from disk) never raises it: that process revokes.
    /// </summary>
    public event Action<RevocableToken>? TokensRetired;

    private void Retire(CredentialSnapshot before, TokenData? replacement)
    {
        if (before.IsManagedChatGpt && RevocableToken.Retired(before.Record!.Tokens, replacement) is { } token)
        {
            TokensRetired?.Invoke(token);
        }
    }
}
