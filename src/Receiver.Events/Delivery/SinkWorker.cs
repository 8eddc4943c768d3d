using Microsoft.Extensions.Logging;
using Receiver.Events.Outbox;

namespace Receiver.Events.Delivery;

/// <summary>
/// Delivers one sink's events in outbox order (so in order per camera), each until it succeeds, with a wait that
/// doubles from one second up to Events:MaxRetrySeconds. The cursor moves only after a delivery: at least once.
/// </summary>
public sealed class SinkWorker(EventOutbox outbox, IEventSink sink, EventHashes hashes, TimeProvider time, TimeSpan maxRetry, ILogger logger)
{
    private readonly OutboxReader _reader = outbox.Reader(sink.Name);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            OutboxRecord record;
            try
            {
                record = await _reader.NextAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (sink.Filter.Allows(record.Event))
            {
                if (!await DeliverAsync(record, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }

            _reader.Done(record.Seq);
        }
    }

    /// <returns>False when stopping before the event was delivered (it stays for the next start).</returns>
    private async Task<bool> DeliverAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            if (_reader.WasDropped(record.Seq))
            {
                return true;
            }

            if (sink.MaxAge is { } maxAge && time.GetUtcNow() - record.Event.Time > maxAge)
            {
                EventCounters.Expired.Add(1, new KeyValuePair<string, object?>("sink", sink.Name));
                EventsLog.Expired(logger, sink.Name, record.Event.Id, record.Event.Camera, (int)maxAge.TotalMinutes);
                return true;
            }

            try
            {
                var e = await hashes.CompleteAsync(record.Event, cancellationToken).ConfigureAwait(false);
                await sink.DeliverAsync(e, cancellationToken).ConfigureAwait(false);
                EventCounters.Delivered.Add(1, new KeyValuePair<string, object?>("sink", sink.Name));
                if (failures > 0)
                {
                    EventsLog.Recovered(logger, sink.Name, failures);
                }

                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            catch (PermanentDeliveryException ex)
            {
                EventsLog.Refused(logger, sink.Name, record.Event.Id, record.Event.Camera, ex.Message);
                return true;
            }
            catch (Exception ex)
            {
                failures++;
                EventCounters.Failures.Add(1, new KeyValuePair<string, object?>("sink", sink.Name));
                var wait = TimeSpan.FromSeconds(Math.Min(maxRetry.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 20))));
                if (failures == 1)
                {
                    EventsLog.DeliveryFailed(logger, sink.Name, record.Event.Id, record.Event.Camera, ex.Message);
                }
                else
                {
                    EventsLog.DeliveryStillFailing(logger, sink.Name, failures, ex.Message, (int)wait.TotalSeconds);
                }

                using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(Task.Delay(wait, time, waiting.Token), sink.WaitForRecoveryAsync(waiting.Token)).ConfigureAwait(false);
                await waiting.CancelAsync().ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    return false;
                }
            }
        }
    }
}
