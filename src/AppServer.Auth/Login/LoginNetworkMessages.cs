namespace AppServer.Auth.Login;

/// <summary>
/// Describes a request to the issuer that got no HTTP answer. Built from error kinds, never from
/// exception text, which can carry the request URL.
/// </summary>
internal static class LoginNetworkMessages
{
    public static string Timeout(string endpoint, TimeSpan limit) =>
        $"the {endpoint} did not answer within {limit.TotalSeconds:0.###} s";

    public static string For(string endpoint, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => $"could not resolve the {endpoint} host",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => $"could not connect to the {endpoint}",
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => $"TLS handshake with the {endpoint} failed",
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => $"the {endpoint} closed the connection before answering",
            HttpRequestException request => $"network error talking to the {endpoint} ({request.HttpRequestError})",
            _ => $"the connection to the {endpoint} failed while reading the response",
        };
    }
}
