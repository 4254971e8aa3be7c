using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>The ChatGPT plan reported in <c>account/read</c> and <c>account/updated</c>.</summary>
public enum PlanType
{
    [JsonStringEnumMemberName("free")]
    Free,

    [JsonStringEnumMemberName("go")]
    Go,

    [JsonStringEnumMemberName("plus")]
    Plus,

    [JsonStringEnumMemberName("pro")]
    Pro,

    [JsonStringEnumMemberName("team")]
    Team,

    [JsonStringEnumMemberName("business")]
    Business,

    [JsonStringEnumMemberName("enterprise")]
    Enterprise,

    [JsonStringEnumMemberName("edu")]
    Edu,

    [JsonStringEnumMemberName("self_serve_business_usage_based")]
    SelfServeBusinessUsageBased,

    [JsonStringEnumMemberName("enterprise_cbp_usage_based")]
    EnterpriseCbpUsageBased,

    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
