namespace AppServer.DevIssuer;

/// <summary>One request as the issuer saw it on arrival, before any gate, delay or script applied.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, e.g. <c>/oauth/token</c>.</param>
/// <param name="Query">Raw query string including the leading <c>?</c>, or empty.</param>
/// <param name="Headers">Header snapshot, case-insensitive; repeated headers are joined with <c>", "</c>.</param>
/// <param name="Body">Body text (UTF-8), empty when there was none.</param>
/// <param name="ArrivedAt">Arrival time on the issuer's <see cref="TimeProvider"/>.</param>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ArrivedAt);
