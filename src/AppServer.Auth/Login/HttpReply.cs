using System.Text;

namespace AppServer.Auth.Login;

/// <summary>One response of the callback server. Every response closes its connection.</summary>
/// <param name="StatusCode">200, 302, 400 or 404.</param>
/// <param name="ContentType">The Content-Type, or <see langword="null"/> for none.</param>
/// <param name="Body">The body text, sent as UTF-8.</param>
/// <param name="Location">The redirect target of a 302. It carries the id_token: never log it.</param>
internal sealed record HttpReply(int StatusCode, string? ContentType, string Body, string? Location = null)
{
    private const string TextPlain = "text/plain; charset=utf-8";
    private const string TextHtml = "text/html; charset=utf-8";

    public static HttpReply Text(int statusCode, string body) => new(statusCode, TextPlain, body);

    public static HttpReply Html(string body) => new(200, TextHtml, body);

    public static HttpReply Redirect(string location) => new(302, null, string.Empty, location);

    /// <summary>The status line, headers and body as bytes.</summary>
    public byte[] Serialize()
    {
        byte[] body = Encoding.UTF8.GetBytes(Body);
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(StatusCode).Append(' ').Append(ReasonPhrase(StatusCode)).Append("\r\n");
        if (ContentType is not null)
        {
            head.Append("Content-Type: ").Append(ContentType).Append("\r\n");
        }

        if (Location is not null)
        {
            head.Append("Location: ").Append(Location).Append("\r\n");
        }

        // no-store: the success redirect and page carry the id_token, which no cache should keep.
        head.Append("Cache-Control: no-store\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n")
            .Append("Connection: close\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }

    // Records print every member; the Location carries the id_token.
    public override string ToString() => $"HTTP {StatusCode}";

    private static string ReasonPhrase(int statusCode) => statusCode switch
    {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Unknown",
    };
}
