using System.Text.Json;
using PolyType;

namespace AppServer.Framing;

/// <summary>
/// The PolyType witness for NerdbankMessagePackFormatter: the user-data types that cross the
/// formatter (raw params and results, and the <c>emittedAtMs</c> stamp set as a top-level property
/// of notifications; StreamJsonRpc brings its own shapes for its envelope types).
/// Source-generated, so the native binary needs no run-time code generation for MessagePack.
/// </summary>
[GenerateShapeFor<JsonElement>]
[GenerateShapeFor<JsonElement?>]
[GenerateShapeFor<long>]
internal sealed partial class MessagePackShapes;
