namespace AppServer.Auth.Login;

/// <summary>
/// The browser login's callback server could not listen. The host answers -32603
/// <c>failed to start login server: {Message}</c>.
/// </summary>
internal sealed class LoginServerStartException : Exception
{
    public LoginServerStartException()
    {
    }

    public LoginServerStartException(string message)
        : base(message)
    {
    }

    public LoginServerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
