using System.Text.Json.Serialization.Metadata;
using AppServer.Protocol;

namespace AppServer.Hosting;

/// <summary>
/// Builds the serializer contracts of a client's first exchange (initialize, then getAuthStatus or
/// account/read) on a thread-pool thread while the main thread is still wiring the transport. Building a contract is the costliest part of a first
/// request: System.Text.Json configures every property and reads the type's attributes through
/// reflection. Done here, on the other core, the first answer no longer waits for it (README,
/// "Performance"). Options cache what they build, so the handlers then find the contracts ready.
/// </summary>
internal static class ContractWarmup
{
    /// <summary>
    /// Starts <see cref="Prime"/> in the background. Nothing waits for it: a contract it has not
    /// built yet is built by the request that needs it, and a failure to build one is that request's
    /// error to report, as it would be without the warm-up.
    /// </summary>
    public static void Start() => _ = Task.Run(static () => Prime(ProtocolJsonContext.Default));

    /// <returns>The contracts it built (for tests), each cached by the context's options, where the handlers look them up.</returns>
    public static IReadOnlyList<JsonTypeInfo> Prime(ProtocolJsonContext protocol) =>
    [
        protocol.InitializeParams,
        protocol.InitializeResponse,
        protocol.GetAuthStatusParams,
        protocol.GetAuthStatusResponse,
        protocol.GetAccountParams,
        protocol.GetAccountResponse,
    ];
}
