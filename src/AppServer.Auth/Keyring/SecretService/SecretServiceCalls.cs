using Tmds.DBus.Protocol;

namespace AppServer.Auth.Keyring.SecretService;

/// <summary>
/// The Secret Service methods one keyring operation needs, over one connection, each awaited no
/// longer than the operation's deadline. A <c>plain</c> session: the secret crosses the bus
/// unencrypted, as it does for keyring-rs without a crypto feature; the session bus is private to
/// the user, and the DH session would only guard against a peer that can already read the bus.
/// </summary>
internal sealed class SecretServiceCalls(DBusConnection connection, CancellationToken deadline)
{
    public const string BusName = "org.freedesktop.secrets";
    private const string ServicePath = "/org/freedesktop/secrets";
    private const string ServiceInterface = "org.freedesktop.Secret.Service";
    private const string CollectionInterface = "org.freedesktop.Secret.Collection";
    private const string ItemInterface = "org.freedesktop.Secret.Item";
    private const string PropertiesInterface = "org.freedesktop.DBus.Properties";
    private const string LabelProperty = "org.freedesktop.Secret.Item.Label";
    private const string AttributesProperty = "org.freedesktop.Secret.Item.Attributes";

    /// <summary>The object path the Secret Service returns for "no object" (no prompt, no alias).</summary>
    public const string NoObject = "/";

    private ObjectPath _session;

    public async Task OpenPlainSessionAsync() => _session = await OpenSessionAsync();

    private Task<ObjectPath> OpenSessionAsync()
    {
        using MessageWriter writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(BusName, ServicePath, ServiceInterface, "OpenSession", "sv");
        writer.WriteString("plain");
        writer.WriteVariantString(string.Empty);
        return CallAsync(writer.CreateMessage(), static (Message message, object? _) =>
        {
            Reader reader = message.GetBodyReader();
            reader.ReadVariantValue();
            return reader.ReadObjectPath();
        });
    }

    /// <summary>The default collection's path, or <see cref="NoObject"/> when there is none.</summary>
    public Task<string> ReadDefaultAliasAsync()
    {
        using MessageWriter writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(BusName, ServicePath, ServiceInterface, "ReadAlias", "s");
        writer.WriteString("default");
        return CallAsync(writer.CreateMessage(), static (Message message, object? _) => message.GetBodyReader().ReadObjectPathAsString());
    }

    public Task<bool> IsLockedAsync(string collection)
    {
        using MessageWriter writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(BusName, collection, PropertiesInterface, "Get", "ss");
        writer.WriteString(CollectionInterface);
        writer.WriteString("Locked");
        return CallAsync(writer.CreateMessage(), static (Message message, object? _) => message.GetBodyReader().ReadVariantValue().GetBool());
    }

    /// <summary>Items in any collection whose attributes include <paramref name="attributes"/>.</summary>
    public Task<(string[] Unlocked, string[] Locked)> SearchItemsAsync(IReadOnlyDictionary<string, string> attributes)
    {
        using MessageWriter writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(BusName, ServicePath, ServiceInterface, "SearchItems", "a{ss}");
        // Written inline: MessageWriter is a struct, and a helper given a copy would leave this
        // writer's position behind what it wrote.
        ArrayStart start = writer.WriteDictionaryStart();
        foreach ((string key, string value) in attributes)
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteString(key);
            writer.WriteString(value);
        }

        writer.WriteDictionaryEnd(start);
        return CallAsync(writer.CreateMessage(), static (Message message, object? _) =>
        {
            Reader reader = message.GetBodyReader();
            string[] unlocked = ToStrings(reader.ReadArrayOfObjectPath());
            string[] locked = ToStrings(reader.ReadArrayOfObjectPath());
            return (unlocked, locked);
        });
    }

    /// <summary>The secret's bytes. The caller clears them.</summary>
    public Task<byte[]> GetSecretAsync(string item)
    {
        using MessageWriter writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(BusName, item, ItemInterface, "GetSecret", "o");
        writer.WriteObjectPath(_session);
        return CallAsync(writer.CreateMessage(), static (Message message, object? _) =>
        {
            Reader reader = message.GetBodyReader();
            reader.AlignStruct();
            reader.ReadObjectPath();
            reader.ReadArrayOfByte();
            byte[] value = reader.ReadArrayOfByte();
            reader.ReadString();
            return value;
        });
    }

    /// <summary>Creates the item, replacing one with identical attributes. Returns (item, prompt).</summary>
    public Task<(string Item, string Prompt)> CreateItemAsync(
        string collection,
        string label,
        IReadOnlyDictionary<string, string> attributes,
        ReadOnlyMemory<byte> secret)
    {
        using MessageWriter writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(BusName, collection, CollectionInterface, "CreateItem", "a{sv}(oayays)b");
        writer.WriteDictionary(new Dictionary<string, VariantValue>(StringComparer.Ordinal)
        {
            [LabelProperty] = label,
            [AttributesProperty] = new Dict<string, string>(attributes.ToDictionary(StringComparer.Ordinal)),
        });
        writer.WriteStructureStart();
        writer.WriteObjectPath(_session);
        writer.WriteArray(ReadOnlySpan<byte>.Empty);
        writer.WriteArray(secret.Span);
        writer.WriteString("text/plain");
        writer.WriteBool(true);
        return CallAsync(writer.CreateMessage(), static (Message message, object? _) =>
        {
            Reader reader = message.GetBodyReader();
            return (reader.ReadObjectPathAsString(), reader.ReadObjectPathAsString());
        });
    }

    /// <summary>Deletes the item. Returns the prompt path (<see cref="NoObject"/> when none is needed).</summary>
    public Task<string> DeleteItemAsync(string item)
    {
        using MessageWriter writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(BusName, item, ItemInterface, "Delete");
        return CallAsync(writer.CreateMessage(), static (Message message, object? _) => message.GetBodyReader().ReadObjectPathAsString());
    }

    private Task<T> CallAsync<T>(MessageBuffer message, MessageValueReader<T> reader) =>
        connection.CallMethodAsync(message, reader).WaitAsync(deadline);

    private static string[] ToStrings(ObjectPath[] paths) => Array.ConvertAll(paths, static path => path.ToString());
}
