using System.Text.Json;
using AppServer.Protocol;
using BenchmarkDotNet.Attributes;

namespace AppServer.Bench.InProc;

/// <summary>The wire records through the source-generated <see cref="ProtocolJsonContext"/>, as the server uses them.</summary>
[MemoryDiagnoser]
public class ProtocolJsonBenchmarks
{
    private static readonly GetAuthStatusResponse s_response = new(AuthMode.ApiKey, "sk-bench", true);
    private static readonly byte[] s_params = """{"includeToken":true,"refreshToken":false}"""u8.ToArray();

    [Benchmark]
    public byte[] SerializeGetAuthStatusResponse() =>
        JsonSerializer.SerializeToUtf8Bytes(s_response, ProtocolJsonContext.Default.GetAuthStatusResponse);

    [Benchmark]
    public GetAuthStatusParams? DeserializeGetAuthStatusParams() =>
        JsonSerializer.Deserialize(s_params, ProtocolJsonContext.Default.GetAuthStatusParams);
}
