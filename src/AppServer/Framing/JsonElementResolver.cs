using System.Text.Json;
using MessagePack;
using MessagePack.Formatters;

namespace AppServer.Framing;

/// <summary>Supplies <see cref="JsonElementMessagePackFormatter"/> for <see cref="JsonElement"/> and <see cref="Nullable{JsonElement}"/>.</summary>
internal sealed class JsonElementResolver : IFormatterResolver
{
    public static JsonElementResolver Instance { get; } = new();

    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter =
            typeof(T) == typeof(JsonElement) ? (IMessagePackFormatter<T>)(object)JsonElementMessagePackFormatter.Instance
            : typeof(T) == typeof(JsonElement?) ? (IMessagePackFormatter<T>)(object)new NullableFormatter<JsonElement>()
            : null;
    }
}
