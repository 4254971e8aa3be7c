namespace AppServer.Auth.Storage;

/// <summary>
/// <c>auth.json</c> does not hold a usable credential record. <see cref="Exception.Message"/> is a
/// short reason that is safe to log and show: it never quotes file content, so no secret can leak
/// through it. For the same reason no inner exception is attached (parser messages quote input).
/// </summary>
internal sealed class AuthFileFormatException : Exception
{
    public AuthFileFormatException(string reason)
        : base(reason)
    {
    }
}
