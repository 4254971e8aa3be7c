namespace AppServer.Auth.Login;

/// <summary>How a login ended.</summary>
/// <param name="Succeeded">The credentials were saved.</param>
/// <param name="Error">
/// On failure, the text exactly as <c>account/login/completed</c> (and v1 <c>loginChatGptComplete</c>)
/// must carry it; <see langword="null"/> on success.
/// </param>
internal sealed record LoginResult(bool Succeeded, string? Error)
{
    public static LoginResult Success { get; } = new(true, null);

    public static LoginResult Failure(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new LoginResult(false, error);
    }
}
