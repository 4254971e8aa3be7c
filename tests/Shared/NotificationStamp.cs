using System.Text.Json;
using System.Text.Json.Nodes;

namespace AppServer.Testing;

/// <summary>
/// Every notification carries <c>emittedAtMs</c> beside <c>method</c> and <c>params</c>; its value
/// differs per message, so exact comparisons check it and then leave it out.
/// </summary>
internal static class NotificationStamp
{
    public const string Member = "emittedAtMs";

    /// <summary>The stamp, failing when it is missing or not a non-negative integer.</summary>
    public static long EmittedAtMs(this JsonObject notification)
    {
        notification.TryGetPropertyValue(Member, out var stamp).Should().BeTrue($"every notification carries {Member}: {notification.ToJsonString()}");
        stamp!.GetValueKind().Should().Be(JsonValueKind.Number);
        var value = stamp.GetValue<long>();
        value.Should().BeGreaterThanOrEqualTo(0);
        return value;
    }

    /// <summary>A copy without the stamp, after checking it is there.</summary>
    public static JsonObject WithoutStamp(this JsonObject notification)
    {
        _ = notification.EmittedAtMs();
        var copy = notification.DeepClone().AsObject();
        copy.Remove(Member);
        return copy;
    }
}
