using StreamJsonRpc;

namespace AppServer.Framing;

/// <summary>
/// Lets a request that now only waits on work shared with other requests give up its ingress slot
/// (see <see cref="PendingRequests"/>), so parked waiters cannot crowd out distinct work.
/// </summary>
internal interface IRequestParking
{
    /// <summary>Parks request <paramref name="id"/> if the parked bounds allow; false when it keeps its slot.</summary>
    bool TryPark(RequestId id);
}
