using AppServer.Framing;
using StreamJsonRpc;

namespace AppServer.Rpc;

/// <summary>
/// The id of the request being handled, flowed to the handler through the execution context, so a
/// handler can schedule work for right after its own response is written.
/// </summary>
internal static class RequestScope
{
    private static readonly AsyncLocal<RequestId?> s_current = new();
    private static readonly AsyncLocal<IRequestParking?> s_parking = new();

    public static RequestId? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    /// <summary>Where the current request's ingress slot is held (its connection's framing).</summary>
    public static IRequestParking? Parking
    {
        get => s_parking.Value;
        set => s_parking.Value = value;
    }

    /// <summary>
    /// The current request now only waits for <paramref name="shared"/>, work other requests join
    /// too (a refresh in flight): unless it is already done, the request gives up its ingress slot,
    /// so a crowd of such waiters cannot keep other requests from being read.
    /// </summary>
    public static Task<T> ParkWhile<T>(Task<T> shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        if (!shared.IsCompleted && Current is { } id)
        {
            Parking?.TryPark(id);
        }

        return shared;
    }
}
