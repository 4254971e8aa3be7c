using System.Net.Sockets;

namespace AppServer.Auth.Refresh;

/// <summary>
/// Messages for attempts that got no HTTP response. They are built from error kinds, never from
/// exception text, which can carry the request URL (and so any query an override put there).
/// </summary>
internal static class NetworkFailureMessages
{
    public static string Timeout(TimeSpan attemptTimeout) =>
        $"Failed to refresh token: the token endpoint did not answer within {attemptTimeout.TotalSeconds:0.###} s";

    public const string InvalidEndpoint =
        "Failed to refresh token: " + TokenRefreshOptions.TokenEndpointOverrideVariable + " is not an absolute http(s) URL";

    public static string For(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string socketDetail = FindSocketError(exception) is { } socketError ? $" ({socketError})" : string.Empty;
        string what = exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "could not resolve the token endpoint host",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "could not connect to the token endpoint",
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "TLS handshake with the token endpoint failed",
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "the token endpoint closed the connection before answering",
            HttpRequestException { HttpRequestError: HttpRequestError.ProxyTunnelError } => "the proxy refused to reach the token endpoint",
            HttpRequestException request => $"network error talking to the token endpoint ({request.HttpRequestError})",
            SocketException => "could not reach the token endpoint",
            _ => "the connection to the token endpoint failed while reading the response",
        };
        return $"Failed to refresh token: {what}{socketDetail}";
    }

    private static SocketError? FindSocketError(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}
