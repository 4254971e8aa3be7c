using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using StreamJsonRpc;

namespace AppServer.StackFloor;

/// <summary>
/// Answers <c>initialize</c> and <c>getAuthStatus</c> on stdin/stdout with fixed results, through
/// the same pieces AppServer serves with (StreamJsonRpc, its System.Text.Json formatter,
/// source-generated contracts, one target method invoked with raw params), and nothing else:
/// no credentials, HTTP, keyring, configuration or command line. What it costs to start is what
/// the stack costs before AppServer adds anything.
/// </summary>
internal static class Program
{
    private static readonly MethodInfo s_answer = typeof(Program).GetMethod(nameof(Answer), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static async Task Main()
    {
        using var rpc = new JsonRpc(new NewLineDelimitedMessageHandler(Console.OpenStandardOutput(), Console.OpenStandardInput(), CreateFormatter()));
        foreach (var method in new[] { "initialize", "getAuthStatus" })
        {
            rpc.AddLocalRpcMethod(s_answer, null, new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });
        }

        rpc.StartListening();
        await rpc.Completion.ConfigureAwait(false);
    }

    private static Task<JsonElement> Answer(JsonElement? @params = null) =>
        Task.FromResult(JsonSerializer.SerializeToElement(new FloorStatus("apikey", null, true), FloorJsonContext.Default.FloorStatus));

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Every value is resolved by FloorJsonContext.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Every value is resolved by FloorJsonContext.")]
    private static SystemTextJsonFormatter CreateFormatter()
    {
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions = new JsonSerializerOptions { TypeInfoResolver = FloorJsonContext.Default };
        return formatter;
    }
}

internal sealed record FloorStatus(string? AuthMethod, string? AuthToken, bool RequiresOpenaiAuth);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FloorStatus))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonElement?))]
internal sealed partial class FloorJsonContext : JsonSerializerContext;
