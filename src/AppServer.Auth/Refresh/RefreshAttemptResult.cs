using System.Diagnostics.CodeAnalysis;

namespace AppServer.Auth.Refresh;

/// <summary>The outcome of <see cref="TokenRefreshClient.RefreshAsync"/>: tokens or an error, never both.</summary>
internal sealed record RefreshAttemptResult
{
    private RefreshAttemptResult(TokenResponse? tokens, RefreshError? error, int attempts)
    {
        Tokens = tokens;
        Error = error;
        Attempts = attempts;
    }

    public TokenResponse? Tokens { get; }

    public RefreshError? Error { get; }

    /// <summary>How many requests this call started (0 when it refused to send one).</summary>
    public int Attempts { get; }

    [MemberNotNullWhen(true, nameof(Tokens))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Tokens is not null;

    public static RefreshAttemptResult Success(TokenResponse tokens, int attempts)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return new RefreshAttemptResult(tokens, null, attempts);
    }

    public static RefreshAttemptResult Failure(RefreshError error, int attempts)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new RefreshAttemptResult(null, error, attempts);
    }
}
