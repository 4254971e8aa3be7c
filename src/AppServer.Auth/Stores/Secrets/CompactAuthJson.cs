using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using AppServer.Auth.Storage;

namespace AppServer.Auth.Stores.Secrets;

/// <summary>
/// A record as the compact JSON Codex keeps inside its keyring stores (serde's <c>to_string</c>):
/// the same members, in the same order, as <see cref="AuthJsonCodec"/> writes to <c>auth.json</c>,
/// without the indentation.
/// </summary>
internal static class CompactAuthJson
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(AuthRecord record)
    {
        using JsonDocument document = JsonDocument.Parse(AuthJsonCodec.Serialize(record));
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            document.RootElement.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
