namespace AppServer.Auth.Login;

/// <summary>What one request to the issuer produced: an HTTP answer, or a client-safe network failure.</summary>
/// <param name="StatusCode">The HTTP status; 0 when <paramref name="NetworkError"/> is set.</param>
/// <param name="Body">The body as text, at most <see cref="Refresh.BoundedContentReader.MaxBytes"/> bytes. May echo secrets: never log it.</param>
/// <param name="Truncated">The body was longer than the bound.</param>
/// <param name="NetworkError">Why no answer arrived (no URL, no exception text), or <see langword="null"/>.</param>
internal sealed record IssuerResponse(int StatusCode, string Body, bool Truncated, string? NetworkError)
{
    public bool IsSuccess => NetworkError is null && StatusCode is >= 200 and <= 299;

    public override string ToString() => NetworkError ?? $"HTTP {StatusCode}";
}
