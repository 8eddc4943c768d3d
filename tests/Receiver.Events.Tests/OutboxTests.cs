using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Receiver.Events.Outbox;

namespace Receiver.Events.Tests;

public sealed class OutboxTests : IDisposable
{
    private readonly TempFolder _temp = new("outbox-");

    private string Folder => Path.Combine(_temp.Path, ".receiver", "events");

    [Fact]
    public async Task Events_survive_a_reopen_and_each_sink_resumes_after_its_last_delivery()
    {
        using (var outbox = Open())
        {
            var reader = outbox.Reader("mqtt");
            for (var i = 1; i <= 5; i++)
            {
                outbox.Append(Event("cam", $"cam/d/{i}.jpg"));
            }

            var first = await reader.NextAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            reader.Done(first.Seq);
            var second = await reader.NextAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            reader.Done(second.Seq);
        }

        using var reopened = Open();
        var again = reopened.Reader("mqtt");
        var next = await again.NextAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, next.Seq);
        Assert.Equal("cam/d/3.jpg", next.Event.Path);
    }

    [Fact]
    public async Task A_line_cut_short_by_a_crash_is_dropped_and_the_next_append_starts_clean()
    {
        using (var outbox = Open())
        {
            _ = outbox.Reader("webhook-0");
            outbox.Append(Event("cam", "cam/d/1.jpg"));
        }

        var file = Directory.GetFiles(Folder, "outbox-*.jsonl").Single();
        await File.AppendAllTextAsync(file, "{\"seq\":2,\"event\":{\"id\":\"x");
        using var reopened = Open();
        reopened.Append(Event("cam", "cam/d/2.jpg"));
        var reader = reopened.Reader("webhook-0");
        Assert.Single(await File.ReadAllLinesAsync(file));
        var lines = Directory.GetFiles(Folder, "outbox-*.jsonl").SelectMany(File.ReadAllLines).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.EndsWith("}", l, StringComparison.Ordinal));
        Assert.Equal(2, reopened.LastSeq);
        var record = await reader.NextAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("cam/d/1.jpg", record.Event.Path);
    }

    [Fact]
    public async Task Beyond_MaxQueuedMegabytes_the_oldest_undelivered_events_are_dropped_with_a_warning_and_a_counter()
    {
        long counted = 0;
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "receiver_events_dropped")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        meter.Start();

        var log = new RecordingLogger();
        using var outbox = new EventOutbox(Folder, 1024 * 1024, log);
        outbox.Open();
        var reader = outbox.Reader("mqtt");
        var padding = new string('x', 10_000);
        for (var i = 1; i <= 200; i++)
        {
            outbox.Append(Event("cam", $"cam/d/{i}-{padding}.jpg"));
        }

        // About 10 kB each: 1 MB holds about 100, so about the first 100 are gone, the newest are all kept.
        Assert.InRange(outbox.Dropped, 90, 110);
        Assert.InRange(outbox.QueuedBytes, 900 * 1024, 1024 * 1024);
        Assert.Equal(outbox.Dropped, Interlocked.Read(ref counted));
        Assert.Contains(log.Entries, l => l.Level == LogLevel.Warning && l.Message.Contains("Event outbox full (1 MB undelivered): dropped the", StringComparison.Ordinal));
        var oldestKept = await reader.NextAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(outbox.Dropped + 1, oldestKept.Seq);

        // The bound holds across a restart too: the drop floor is on disk.
        outbox.Dispose();
        using var reopened = Open();
        var resumed = await reopened.Reader("mqtt").NextAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(oldestKept.Seq, resumed.Seq);
    }

    [Fact]
    public void Without_any_sink_nothing_queues_and_old_files_are_removed()
    {
        using var outbox = new EventOutbox(Folder, 1024 * 1024);
        outbox.Open();
        var padding = new string('y', 5_000);
        for (var i = 0; i < 400; i++)
        {
            outbox.Append(Event("cam", $"cam/d/{i}{padding}.jpg"));
        }

        Assert.Equal(0, outbox.QueuedBytes);
        Assert.Equal(0, outbox.Dropped);
        Assert.True(Directory.GetFiles(Folder, "outbox-*.jsonl").Length <= 3);
    }

    [Fact]
    public void Start_up_repair_adds_the_event_of_a_file_committed_just_before_a_crash_and_no_other()
    {
        var day = Path.Combine(_temp.Path, "cam", "2026-12-01");
        Directory.CreateDirectory(day);
        File.WriteAllBytes(Path.Combine(day, "old.jpg"), [1]);
        File.SetLastWriteTimeUtc(Path.Combine(day, "old.jpg"), DateTime.UtcNow.AddHours(-1));
        File.WriteAllBytes(Path.Combine(day, "recorded.jpg"), [1, 2]);
        using (var outbox = Open())
        {
            outbox.Append(Event("cam", "cam/2026-12-01/recorded.jpg") with { Time = DateTimeOffset.Now });
        }

        // Renamed into place, then the process died before its event was appended.
        File.WriteAllBytes(Path.Combine(day, "missed.mp4"), [1, 2, 3]);
        using var reopened = Open();
        var added = OutboxRepair.Run(reopened, _temp.Path, new Cameras(new EventCamera("cam")), TimeProvider.System, new RecordingLogger());
        Assert.Equal(1, added);
        var repaired = reopened.Held()[^1];
        Assert.Equal("cam/2026-12-01/missed.mp4", repaired.Path);
        Assert.Equal("clip", repaired.EventType);
        Assert.Equal(3, repaired.Size);

        // Running it again finds nothing new.
        Assert.Equal(0, OutboxRepair.Run(reopened, _temp.Path, new Cameras(new EventCamera("cam")), TimeProvider.System, new RecordingLogger()));
    }

    [Theory]
    [InlineData("A_20261201.jpg", null, "snapshot", true)]
    [InlineData("A_20261201.JPEG", null, "snapshot", true)]
    [InlineData("alarm.mp4", null, "clip", true)]
    [InlineData("rec.avi", null, "clip", true)]
    [InlineData("notes.txt", null, "file", false)]
    [InlineData("T_20261201.jpg", "T_*.jpg", "snapshot", false)]
    [InlineData("Test-Snapshot.jpeg", null, "test", false)]
    public void Event_type_and_motion_come_from_the_file_and_the_cameras_settings(string name, string? scheduled, string type, bool motion)
    {
        var now = DateTimeOffset.UtcNow;
        var camera = new EventCamera("cam", ScheduledSnapshotPattern: scheduled, TestUploadUntil: now.AddMinutes(5));
        Assert.Equal((type, motion), EventClassifier.Classify(name, camera, now));
    }

    [Fact]
    public void Test_Snapshot_jpeg_outside_an_enrollment_test_is_an_ordinary_snapshot()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(("snapshot", true), EventClassifier.Classify("Test-Snapshot.jpeg", new EventCamera("cam", TestUploadUntil: now.AddMinutes(-1)), now));
    }

    public void Dispose() => _temp.Dispose();

    private EventOutbox Open()
    {
        var outbox = new EventOutbox(Folder, 16 * 1024 * 1024);
        outbox.Open();
        return outbox;
    }

    private static UploadEvent Event(string camera, string path) => new()
    {
        Id = UploadEvent.NewId(),
        EventType = EventTypes.Snapshot,
        Camera = camera,
        Path = path,
        Size = 1,
        Time = DateTimeOffset.Now,
        Motion = true,
    };
}
