using System.Text;

namespace AppServer.Auth.Tests.Refresh.Support;

/// <summary>A canned HTTP/1.1 answer; the connection is closed after it.</summary>
internal sealed record LoopbackResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public byte[] ToBytes()
    {
        byte[] body = Encoding.UTF8.GetBytes(Body);
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(Status).Append(" Status\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n")
            .Append("Connection: close\r\n");
        foreach (KeyValuePair<string, string> header in Headers ?? new Dictionary<string, string>())
        {
            head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }
}
