using System.Net.Http.Headers;
using System.Text;

namespace AppServer.Auth.Login;

/// <summary>An <c>application/x-www-form-urlencoded</c> body with the fields in the given order.</summary>
internal static class FormBody
{
    /// <summary>
    /// Percent-encodes every value (RFC 3986 unreserved characters only, spaces as <c>%20</c>),
    /// as upstream does. The content type carries no charset parameter, like upstream's.
    /// </summary>
    public static ByteArrayContent Create(params ReadOnlySpan<(string Name, string Value)> fields)
    {
        var builder = new StringBuilder();
        foreach ((string name, string value) in fields)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(builder.ToString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }
}
