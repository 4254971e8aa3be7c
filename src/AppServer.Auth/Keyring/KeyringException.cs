namespace AppServer.Auth.Keyring;

/// <summary>
/// A keyring could not be used. An <see cref="IOException"/>, so every path that already survives a
/// failed file write survives a failed keyring write the same way. The message names the cause
/// (no Secret Service, a locked collection, a timeout) and never a secret.
/// </summary>
internal sealed class KeyringException : IOException
{
    public KeyringException(string message)
        : base(message)
    {
    }

    public KeyringException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
