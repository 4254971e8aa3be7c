using System.Net.Sockets;
using AppServer.Auth.Refresh;

namespace AppServer.Auth.Tests.Refresh;

public sealed class NetworkFailureMessagesTests
{
    public const string LeakyText = "https://auth.test/oauth/token?key=rt_secret_in_query";

    public static TheoryData<Exception, string> Cases => new()
    {
        {
            new HttpRequestException(HttpRequestError.ConnectionError, LeakyText, new SocketException((int)SocketError.ConnectionRefused)),
            "Failed to refresh token: could not connect to the token endpoint (ConnectionRefused)"
        },
        {
            new HttpRequestException(HttpRequestError.NameResolutionError, LeakyText, new SocketException((int)SocketError.HostNotFound)),
            "Failed to refresh token: could not resolve the token endpoint host (HostNotFound)"
        },
        {
            new HttpRequestException(HttpRequestError.SecureConnectionError, LeakyText),
            "Failed to refresh token: TLS handshake with the token endpoint failed"
        },
        {
            new HttpRequestException(HttpRequestError.ResponseEnded, LeakyText),
            "Failed to refresh token: the token endpoint closed the connection before answering"
        },
        {
            new HttpRequestException(HttpRequestError.InvalidResponse, LeakyText),
            "Failed to refresh token: network error talking to the token endpoint (InvalidResponse)"
        },
        {
            new IOException(LeakyText, new SocketException((int)SocketError.ConnectionReset)),
            "Failed to refresh token: the connection to the token endpoint failed while reading the response (ConnectionReset)"
        },
        {
            new SocketException((int)SocketError.NetworkUnreachable),
            "Failed to refresh token: could not reach the token endpoint (NetworkUnreachable)"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void For_Exception_NamesTheKindButNotTheExceptionText(Exception exception, string expected)
    {
        // Act
        string message = NetworkFailureMessages.For(exception);

        // Assert
        message.Should().Be(expected);
        message.Should().NotContain("rt_secret_in_query");
    }

    [Theory]
    [InlineData(30_000, "Failed to refresh token: the token endpoint did not answer within 30 s")]
    [InlineData(200, "Failed to refresh token: the token endpoint did not answer within 0.2 s")]
    public void Timeout_AttemptTimeout_IsNamed(int milliseconds, string expected)
    {
        NetworkFailureMessages.Timeout(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(expected);
    }
}
