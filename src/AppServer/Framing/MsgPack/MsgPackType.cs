namespace AppServer.Framing.MsgPack;

/// <summary>The kinds of MessagePack value (the spec's type system), as the next format byte says.</summary>
internal enum MsgPackType
{
    Nil,
    Boolean,
    Integer,
    Float,
    String,
    Binary,
    Array,
    Map,
    Extension,
}
