using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Receiver.Events.Delivery;
using Receiver.Events.Mqtt;
using Receiver.Events.Outbox;
using Receiver.Events.Quiet;

namespace Receiver.Events.Tests;

/// <summary>The quiet-camera alarm on a fake clock; the problem topic checked on a real broker.</summary>
public sealed class QuietCameraTests : IDisposable
{
    private readonly TempFolder _temp = new("quiet-");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private string Folder => Path.Combine(_temp.Path, ".receiver", "events");

    [Fact]
    public void No_upload_for_the_set_hours_raises_one_quiet_event_and_the_next_upload_ends_it()
    {
        using var outbox = new EventOutbox(Folder, 1 << 20);
        outbox.Open();
        var cameras = new Cameras(new EventCamera("attic", QuietAfterHours: 6), new EventCamera("never", QuietAfterHours: 0), new EventCamera("default"));
        using var monitor = new QuietMonitor(outbox, cameras, defaultHours: 12, Folder, _clock, NullLogger.Instance);
        monitor.Start();
        _clock.Advance(TimeSpan.FromMinutes(1)); // first look: every camera counts from now

        _clock.Advance(TimeSpan.FromHours(5));
        Assert.Empty(Quiet(outbox));

        _clock.Advance(TimeSpan.FromHours(1));
        var first = Assert.Single(Quiet(outbox));
        Assert.Equal("attic", first.Camera);
        Assert.Equal(6, first.QuietHours);
        Assert.True(monitor.IsQuiet("attic"));

        // Still quiet hours later: still one event, not one a minute.
        _clock.Advance(TimeSpan.FromHours(3));
        Assert.Single(Quiet(outbox), e => e.Camera == "attic");

        // The camera with the default (12 h) goes quiet at 12 h; "never" never does.
        _clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(["attic", "default"], Quiet(outbox).Select(e => e.Camera).Order());

        outbox.Append(Upload("attic"));
        Assert.False(monitor.IsQuiet("attic"));
        _clock.Advance(TimeSpan.FromHours(6));
        Assert.Equal(2, Quiet(outbox).Count(e => e.Camera == "attic"));
        Assert.DoesNotContain(Quiet(outbox), e => e.Camera == "never");
    }

    [Theory]
    [InlineData("5")]
    [InlineData("3.1.1")]
    public async Task A_quiet_camera_turns_its_retained_problem_topic_ON_and_its_next_upload_turns_it_OFF(string protocolVersion)
    {
        await using var broker = await Mosquitto.StartAsync();
        await using var subscriber = await MqttRecorder.StartAsync(broker.Port, "receiver/attic/#");
        using var outbox = new EventOutbox(Folder, 1 << 20);
        outbox.Open();
        var cameras = new Cameras(new EventCamera("attic", QuietAfterHours: 2));
        var options = new MqttOptions { Url = broker.Url, ProtocolVersion = protocolVersion };
        await using var mqtt = new MqttSink(options, _temp.Path, Folder, cameras, "test", TimeProvider.System, TimeSpan.FromSeconds(1), NullLogger.Instance);
        var worker = new SinkWorker(outbox, mqtt, new EventHashes(_temp.Path, enabled: false), TimeProvider.System, TimeSpan.FromSeconds(1), NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var connection = mqtt.RunAsync(stop.Token);
        var delivery = worker.RunAsync(stop.Token);
        using var monitor = new QuietMonitor(outbox, cameras, 0, Folder, _clock, NullLogger.Instance);
        monitor.Start();
        await subscriber.WaitForAsync(m => m.Topic == "receiver/attic/problem" && m.Text == "OFF", "problem OFF at the start");

        _clock.Advance(TimeSpan.FromMinutes(1));
        _clock.Advance(TimeSpan.FromHours(2));
        await subscriber.WaitForAsync(m => m.Topic == "receiver/attic/problem" && m.Text == "ON", "problem ON");
        await subscriber.WaitForAsync(m => m.Topic == "receiver/attic/event" && m.Text.Contains("\"event_type\":\"quiet\"", StringComparison.Ordinal), "the quiet event");

        var offBefore = subscriber.On("receiver/attic/problem").Count(m => m.Text == "OFF");
        outbox.Append(Upload("attic"));
        await Wait.UntilAsync(() => subscriber.On("receiver/attic/problem").Count(m => m.Text == "OFF") > offBefore, "problem OFF after the upload");

        await using var late = await MqttRecorder.StartAsync(broker.Port, "receiver/attic/problem");
        var retained = await late.WaitForAsync(m => m.Retained, "the retained problem state");
        Assert.Equal("OFF", retained.Text);
        await stop.CancelAsync();
        await Task.WhenAll(connection, delivery);
    }

    public void Dispose() => _temp.Dispose();

    private static List<UploadEvent> Quiet(EventOutbox outbox) => [.. outbox.Held().Where(e => e.EventType == EventTypes.Quiet)];

    private UploadEvent Upload(string camera) => new()
    {
        Id = UploadEvent.NewId(),
        EventType = EventTypes.File,
        Camera = camera,
        Path = $"{camera}/x.bin",
        Size = 1,
        Time = _clock.GetLocalNow(),
    };
}
