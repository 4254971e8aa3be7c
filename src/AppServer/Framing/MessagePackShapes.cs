using System.Text.Json;
using PolyType;

namespace AppServer.Framing;

/// <summary>
/// The PolyType witness for NerdbankMessagePackFormatter: the user-data types that cross the
/// formatter (raw params and results; StreamJsonRpc brings its own shapes for its envelope types).
/// Source-generated, so the native binary needs no run-time code generation for MessagePack.
/// </summary>
[GenerateShapeFor<JsonElement>]
[GenerateShapeFor<JsonElement?>]
internal sealed partial class MessagePackShapes;
