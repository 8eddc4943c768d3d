using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Receiver.Events.Outbox;

/// <summary>
/// The durable queue between a commit and the sinks, in &lt;data&gt;/.receiver/events. <see cref="Append"/> writes
/// one JSON line and fsyncs it before it returns, so an event the client was told about survives a crash. Each
/// sink reads in sequence order with its own cursor (a file, written after each delivery: at least once). The
/// undelivered part is bounded: beyond the limit the oldest events are dropped for every sink, with a warning.
/// </summary>
public sealed class EventOutbox : IDisposable
{
    private readonly string _folder;
    private readonly long _maxQueuedBytes;
    private readonly long _segmentBytes;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly List<OutboxSegment> _segments = [];
    private readonly List<OutboxRecord> _records = [];
    private readonly List<int> _recordBytes = [];
    private readonly Dictionary<string, OutboxReader> _readers = new(StringComparer.Ordinal);
    private long _baseSeq = 1;
    private long _lastSeq;
    private long _floor;
    private long _queuedBytes;
    private long _queuedFromSeq = 1;
    private FileStream? _tail;
    private bool _opened;

    public EventOutbox(string folder, long maxQueuedBytes, ILogger? logger = null)
    {
        _folder = folder;
        _maxQueuedBytes = maxQueuedBytes;
        _segmentBytes = Math.Clamp(maxQueuedBytes / 8, 16 * 1024, 4 * 1024 * 1024);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Raised after each append, outside the lock (the quiet-camera monitor, live pages).</summary>
    public event Action<UploadEvent>? Appended;

    /// <summary>False on the first run: there is no earlier history to repair against.</summary>
    public bool HadHistory { get; private set; }

    /// <summary>Events dropped because the outbox was full, since this process started.</summary>
    public long Dropped { get; private set; }

    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _lastSeq;
            }
        }
    }

    public long QueuedBytes
    {
        get
        {
            lock (_gate)
            {
                return _queuedBytes;
            }
        }
    }

    /// <summary>Loads the files, cuts a line torn by a crash, reads the cursors and the drop floor.</summary>
    public void Open()
    {
        lock (_gate)
        {
            if (_opened)
            {
                return;
            }

            HadHistory = Directory.Exists(_folder);
            Directory.CreateDirectory(_folder);
            _floor = ReadNumber(FloorPath) ?? 0;
            foreach (var file in Directory.GetFiles(_folder, "outbox-*.jsonl").Order(StringComparer.Ordinal))
            {
                LoadSegment(file);
            }

            _baseSeq = _records.Count > 0 ? _records[0].Seq : _lastSeq + 1;
            _queuedFromSeq = _lastSeq + 1;
            _opened = true;
        }
    }

    /// <summary>
    /// The reader of one sink. A sink seen for the first time starts after the current end: a newly configured
    /// webhook is not sent the history.
    /// </summary>
    public OutboxReader Reader(string sink)
    {
        lock (_gate)
        {
            if (_readers.TryGetValue(sink, out var existing))
            {
                return existing;
            }

            var path = Path.Combine(_folder, $"cursor-{sink}");
            var cursor = ReadNumber(path) ?? -1;
            if (cursor < 0)
            {
                // Saved at once: events appended before this sink's first delivery must survive a restart.
                cursor = _lastSeq;
                WriteNumber(path, cursor);
            }

            var reader = new OutboxReader(this, sink, path, Math.Max(cursor, _floor));
            _readers[sink] = reader;
            RecountQueued();
            return reader;
        }
    }

    /// <summary>Appends the event and flushes it to disk; returns its sequence number.</summary>
    public long Append(UploadEvent e)
    {
        long seq;
        lock (_gate)
        {
            // An upload can commit before the pipeline has started (or in a host that never starts it): open here.
            Open();
            seq = _lastSeq + 1;
            var line = JsonSerializer.SerializeToUtf8Bytes(new OutboxRecord(seq, e), EventJsonContext.Default.OutboxRecord);
            var tail = TailFor(seq, line.Length + 1);
            tail.Write(line);
            tail.WriteByte((byte)'\n');
            tail.Flush(flushToDisk: true);
            var segment = _segments[^1];
            segment.LastSeq = seq;
            segment.Bytes += line.Length + 1;
            _lastSeq = seq;
            _records.Add(new OutboxRecord(seq, e));
            _recordBytes.Add(line.Length + 1);
            if (_readers.Count > 0)
            {
                _queuedBytes += line.Length + 1;
                DropOverflow();
            }
            else
            {
                _queuedFromSeq = seq + 1;
                Prune(seq);
            }
        }

        foreach (var reader in Readers())
        {
            reader.Signal();
        }

        Appended?.Invoke(e);
        return seq;
    }

    /// <summary>Every event still held (delivered or not), oldest first: what start-up repair compares the folders with.</summary>
    public IReadOnlyList<UploadEvent> Held()
    {
        lock (_gate)
        {
            return [.. _records.Select(r => r.Event)];
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _tail?.Dispose();
            _tail = null;
        }
    }

    internal OutboxRecord? After(long cursor)
    {
        lock (_gate)
        {
            var seq = Math.Max(cursor, _floor) + 1;
            var index = seq - _baseSeq;
            return index >= 0 && index < _records.Count ? _records[(int)index] : null;
        }
    }

    internal long Floor
    {
        get
        {
            lock (_gate)
            {
                return _floor;
            }
        }
    }

    internal void Acknowledged()
    {
        lock (_gate)
        {
            RecountQueued();
            Prune(MinCursor());
        }
    }

    private string FloorPath => Path.Combine(_folder, "dropped-through");

    private OutboxReader[] Readers()
    {
        lock (_gate)
        {
            return [.. _readers.Values];
        }
    }

    private long MinCursor() => _readers.Count == 0 ? _lastSeq : _readers.Values.Min(r => r.Cursor);

    private void RecountQueued()
    {
        var from = Math.Max(MinCursor(), _floor) + 1;
        while (_queuedFromSeq < from && _queuedFromSeq <= _lastSeq)
        {
            var index = _queuedFromSeq - _baseSeq;
            if (index >= 0 && index < _recordBytes.Count)
            {
                _queuedBytes -= _recordBytes[(int)index];
            }

            _queuedFromSeq++;
        }

        if (_queuedFromSeq > from)
        {
            // A reader registered behind the others (or at start): count what it still has to read.
            _queuedBytes = 0;
            for (var seq = from; seq <= _lastSeq; seq++)
            {
                var index = seq - _baseSeq;
                if (index >= 0 && index < _recordBytes.Count)
                {
                    _queuedBytes += _recordBytes[(int)index];
                }
            }

            _queuedFromSeq = from;
        }
    }

    private void DropOverflow()
    {
        var dropped = 0;
        while (_queuedBytes > _maxQueuedBytes && _queuedFromSeq < _lastSeq)
        {
            var index = _queuedFromSeq - _baseSeq;
            _queuedBytes -= index >= 0 && index < _recordBytes.Count ? _recordBytes[(int)index] : 0;
            _floor = _queuedFromSeq;
            _queuedFromSeq++;
            dropped++;
        }

        if (dropped == 0)
        {
            return;
        }

        Dropped += dropped;
        EventCounters.Dropped.Add(dropped);
        WriteNumber(FloorPath, _floor);
        EventsLog.OutboxFull(_logger, _maxQueuedBytes / (1024 * 1024), dropped, _floor, Dropped);
        Prune(Math.Max(MinCursor(), _floor));
    }

    /// <summary>Deletes files every sink is past, keeping the newest two so start-up repair can see the recent commits.</summary>
    private void Prune(long deliveredThrough)
    {
        while (_segments.Count > 2 && _segments[0].LastSeq <= deliveredThrough)
        {
            var segment = _segments[0];
            File.Delete(segment.Path);
            _segments.RemoveAt(0);
            var count = (int)(segment.LastSeq - _baseSeq + 1);
            if (count > 0)
            {
                _records.RemoveRange(0, Math.Min(count, _records.Count));
                _recordBytes.RemoveRange(0, Math.Min(count, _recordBytes.Count));
            }

            _baseSeq = segment.LastSeq + 1;
        }
    }

    private FileStream TailFor(long seq, int bytes)
    {
        if (_tail is not null && _segments[^1].Bytes + bytes <= _segmentBytes)
        {
            return _tail;
        }

        _tail?.Dispose();
        var segment = new OutboxSegment(seq, Path.Combine(_folder, OutboxSegment.NameFor(seq)));
        _tail = new FileStream(segment.Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _segments.Add(segment);
        if (_records.Count == 0)
        {
            _baseSeq = seq;
        }

        // The new file's name must survive a power cut too.
        DirectorySync.Flush(_folder);
        return _tail;
    }

    private void LoadSegment(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var good = 0;
        var name = Path.GetFileNameWithoutExtension(file);
        var firstSeq = long.Parse(name.AsSpan("outbox-".Length), CultureInfo.InvariantCulture);
        var segment = new OutboxSegment(firstSeq, file);
        while (good < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', good);
            if (end < 0)
            {
                break;
            }

            OutboxRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(bytes.AsSpan(good, end - good), EventJsonContext.Default.OutboxRecord);
            }
            catch (JsonException)
            {
                break;
            }

            if (record is null || record.Seq <= _lastSeq)
            {
                break;
            }

            _records.Add(record);
            _recordBytes.Add(end - good + 1);
            _lastSeq = record.Seq;
            segment.LastSeq = record.Seq;
            good = end + 1;
        }

        if (good < bytes.Length)
        {
            // The line a crash cut short was never acknowledged to anyone: drop it so the next append starts clean.
            EventsLog.TornTail(_logger, file, bytes.Length - good);
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
            stream.SetLength(good);
            stream.Flush(flushToDisk: true);
        }

        segment.Bytes = good;
        _segments.Add(segment);
    }

    internal static long? ReadNumber(string path)
    {
        try
        {
            return long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Replaces the file atomically; not fsynced: a cursor that lags after a crash only repeats a delivery.</summary>
    internal static void WriteNumber(string path, long value)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, value.ToString(CultureInfo.InvariantCulture));
        File.Move(temp, path, overwrite: true);
    }
}
