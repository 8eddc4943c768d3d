namespace Receiver.Events.Delivery;

/// <summary>A destination of events. <see cref="DeliverAsync"/> throws to be retried, or throws <see cref="PermanentDeliveryException"/> to skip.</summary>
public interface IEventSink
{
    /// <summary>Names the sink's cursor file and its log lines ("mqtt", "webhook-0").</summary>
    string Name { get; }

    /// <summary>Events older than this are skipped instead of delivered late; null = unlimited.</summary>
    TimeSpan? MaxAge { get; }

    EventFilter Filter { get; }

    Task DeliverAsync(UploadEvent e, CancellationToken cancellationToken);

    /// <summary>Completes when a sink that was down is back (MQTT reconnected), cutting a retry wait short; by default never.</summary>
    Task WaitForRecoveryAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
}

/// <summary>The receiving side refused the event for good (a 4xx): retrying would not help.</summary>
public sealed class PermanentDeliveryException(string message) : Exception(message);
