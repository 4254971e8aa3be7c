using AppServer.Framing;
using StreamJsonRpc;

namespace AppServer.Tests.Transport;

/// <summary>
/// The ingress bound's bookkeeping: parked requests give their slot to other work but are bounded
/// themselves (by count and by bytes), and the drain at end of input still waits for them.
/// </summary>
public sealed class PendingRequestsTests
{
    [Fact]
    public void ParkedRequest_FreesItsSlot_UpToTheParkedCount_ThenRequestsKeepTheirSlots()
    {
        var pending = new PendingRequests();
        pending.TryAdd(new RequestId(1), 100, limit: 2).Should().BeTrue();
        pending.TryAdd(new RequestId(2), 100, limit: 2).Should().BeTrue();
        pending.TryAdd(new RequestId(3), 100, limit: 2).Should().BeFalse("both slots are taken");

        pending.TryPark(new RequestId(1), maxParked: 1, maxParkedBytes: 1_000).Should().BeTrue();
        pending.TryAdd(new RequestId(3), 100, limit: 2).Should().BeTrue("the parked request left its slot");
        pending.TryPark(new RequestId(2), maxParked: 1, maxParkedBytes: 1_000).Should().BeFalse("the parked set is full");
        pending.TryAdd(new RequestId(4), 100, limit: 2).Should().BeFalse("so the bound still holds for distinct work");

        pending.Count.Should().Be(3);
        pending.Parked.Should().Be(1);
    }

    [Fact]
    public void Parking_IsBoundedByTheBytesOfTheParkedFrames()
    {
        var pending = new PendingRequests();
        pending.TryAdd(new RequestId(1), 600, limit: 10);
        pending.TryAdd(new RequestId(2), 600, limit: 10);

        pending.TryPark(new RequestId(1), maxParked: 100, maxParkedBytes: 1_000).Should().BeTrue();
        pending.TryPark(new RequestId(2), maxParked: 100, maxParkedBytes: 1_000).Should().BeFalse();

        pending.Complete(new RequestId(1));
        pending.TryPark(new RequestId(2), maxParked: 100, maxParkedBytes: 1_000).Should().BeTrue("an answered parked request frees its bytes");
    }

    [Fact]
    public void Drain_WaitsForParkedRequests_AndAnUnknownOrRepeatedParkChangesNothing()
    {
        var pending = new PendingRequests();
        pending.TryAdd(new RequestId("a"), 10, limit: 1);
        pending.TryPark(new RequestId("a"), 10, 1_000).Should().BeTrue();
        pending.TryPark(new RequestId("a"), 10, 1_000).Should().BeFalse("it is parked already");
        pending.TryPark(new RequestId("never-admitted"), 10, 1_000).Should().BeFalse();

        var drained = pending.WhenDrainedAsync();
        drained.IsCompleted.Should().BeFalse("a parked request is still unanswered");
        pending.Complete(new RequestId("a"));

        drained.IsCompleted.Should().BeTrue();
        pending.Count.Should().Be(0);
    }
}
