using System.Diagnostics.Metrics;

namespace Receiver.Events;

/// <summary>Counters of the event pipeline (meter "Receiver.Events"), for /metrics.</summary>
public static class EventCounters
{
    private static readonly Meter Meter = new("Receiver.Events");

    public static readonly Counter<long> Dropped = Meter.CreateCounter<long>("receiver_events_dropped", description: "Events dropped because the outbox was full");

    public static readonly Counter<long> Delivered = Meter.CreateCounter<long>("receiver_events_delivered", description: "Events delivered, by sink");

    public static readonly Counter<long> Expired = Meter.CreateCounter<long>("receiver_events_expired", description: "Events skipped as older than the sink's MaxAgeMinutes");

    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("receiver_events_delivery_failures", description: "Failed delivery attempts, by sink");
}
