namespace AppServer.Auth.Stores.Secrets.Age;

/// <summary>
/// An age file cannot be decrypted: wrong passphrase, damaged or truncated, or not the kind of age
/// file this reader handles. The message is a short reason safe to log: never key material,
/// never file content beyond a recognised version or recipient type name.
/// </summary>
internal sealed class AgeFormatException(string reason) : Exception(reason);
