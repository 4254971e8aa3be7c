namespace AppServer.Auth.Login;

/// <summary>The outcome of an authorization-code exchange: tokens, or a client-safe cause.</summary>
/// <param name="Tokens">Set on success.</param>
/// <param name="Error">
/// Set on failure, e.g. <c>token endpoint returned status 400: Invalid code</c>; scrubbed of the code,
/// the verifier and anything shaped like a JWT. Callers add their flow's prefix.
/// </param>
internal sealed record CodeExchangeResult(ExchangedTokens? Tokens, string? Error)
{
    public static CodeExchangeResult Success(ExchangedTokens tokens) => new(tokens, null);

    public static CodeExchangeResult Failure(string error) => new(null, error);
}
