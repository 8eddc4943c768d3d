using System.Diagnostics.Metrics;

namespace Receiver.Web.Metrics;

/// <summary>
/// Feeds receiver_event_deliveries_total from the event pipeline's own counters (meter "Receiver.Events"), so the
/// events library needs no reference to the metrics exporter: delivered → ok, a failed attempt → failed, skipped as
/// too old → expired, dropped from a full outbox → sink "outbox", result dropped.
/// </summary>
internal sealed class EventDeliveryListener : IDisposable
{
    private readonly MeterListener _listener = new();

    public EventDeliveryListener(Action<string, string, long> count)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Receiver.Events" && Result(instrument.Name) is not null)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var sink = "outbox";
            foreach (var tag in tags)
            {
                if (tag.Key == "sink" && tag.Value is string name)
                {
                    sink = name;
                }
            }

            count(sink, Result(instrument.Name)!, value);
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    private static string? Result(string instrument) => instrument switch
    {
        "receiver_events_delivered" => "ok",
        "receiver_events_delivery_failures" => "failed",
        "receiver_events_expired" => "expired",
        "receiver_events_dropped" => "dropped",
        _ => null,
    };
}
