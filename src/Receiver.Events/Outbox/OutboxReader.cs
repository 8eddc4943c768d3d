namespace Receiver.Events.Outbox;

/// <summary>One sink's position in the outbox: waits for the next event, and records each delivery.</summary>
public sealed class OutboxReader(EventOutbox outbox, string sink, string cursorPath, long cursor)
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private long _cursor = cursor;

    public string Sink { get; } = sink;

    /// <summary>The last sequence number this sink delivered (or skipped).</summary>
    public long Cursor => Interlocked.Read(ref _cursor);

    /// <summary>The next event after the cursor; waits for one to be appended.</summary>
    public async Task<OutboxRecord> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (outbox.After(Cursor) is { } record)
            {
                return record;
            }

            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the record was dropped (outbox full) while the sink was trying to deliver it.</summary>
    public bool WasDropped(long seq) => seq <= outbox.Floor;

    /// <summary>Moves the cursor past <paramref name="seq"/> and saves it.</summary>
    public void Done(long seq)
    {
        var target = Math.Max(seq, outbox.Floor);
        Interlocked.Exchange(ref _cursor, Math.Max(Cursor, target));
        EventOutbox.WriteNumber(cursorPath, Cursor);
        outbox.Acknowledged();
    }

    internal void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another append signalled first: one wake-up is enough.
            }
        }
    }
}
