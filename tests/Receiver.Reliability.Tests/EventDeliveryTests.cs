using System.Security.Cryptography;
using System.Text.Json;

namespace Receiver.Reliability.Tests;

/// <summary>
/// The real receiver process and Debian's mosquitto: the broker stopped in the middle of 20 uploads and started
/// again, the receiver killed with SIGKILL and restarted in between. A subscriber with a persistent session must see
/// every event, once per id after de-duplication, in upload order per camera.
/// </summary>
public sealed class EventDeliveryTests : IDisposable
{
    private const string Password = "Ev3ntsPassw0rd";
    private static readonly string[] CameraNames = ["cam-a", "cam-b"];

    private readonly DataRoot _root = new();
    private readonly SourceFiles _sources = new();

    public EventDeliveryTests()
    {
        foreach (var camera in CameraNames)
        {
            _root.AddCamera(camera, Password);
        }
    }

    [Fact]
    public async Task Broker_down_and_receiver_SIGKILLed_during_20_uploads_every_event_arrives_once_per_id_in_order_per_camera()
    {
        await using var broker = await Mosquitto.StartAsync();
        await using var events = await MqttRecorder.StartAsync(broker.Port, "receiver/+/event", persistentSession: true);
        var settings = new Dictionary<string, string>
        {
            ["Events__Mqtt__Url"] = broker.Url,
        };
        var uploaded = new List<(string Camera, string Name, string Sha256)>();

        var receiver = await ReceiverProcess.StartAsync(_root.Path, settings);
        try
        {
            await UploadAsync(receiver, 0, 5, uploaded);
            await WaitForEventsAsync(events, 5);
            await broker.StopAsync();
            await UploadAsync(receiver, 5, 10, uploaded);

            await receiver.KillAsync();
            await receiver.DisposeAsync();
            receiver = await ReceiverProcess.StartAsync(_root.Path, settings);
            await UploadAsync(receiver, 10, 15, uploaded);

            await broker.StartAgainAsync();
            await UploadAsync(receiver, 15, 20, uploaded);
            var received = await WaitForEventsAsync(events, 20);

            // De-duplicated by id: 20 events, one per upload, each with its file's hash.
            var unique = received.GroupBy(e => e.Id).Select(g => g.First()).ToList();
            Assert.Equal(20, unique.Count);
            foreach (var group in received.GroupBy(e => e.Id))
            {
                Assert.Single(group.Select(e => e.Json).Distinct());
            }

            foreach (var camera in CameraNames)
            {
                var expected = uploaded.Where(u => u.Camera == camera).Select(u => u.Name).ToList();
                var arrived = unique.Where(e => e.Camera == camera).Select(e => Path.GetFileName(e.Path)).ToList();
                Assert.Equal(expected, arrived);
            }

            foreach (var (camera, name, sha) in uploaded)
            {
                Assert.Equal(sha, unique.Single(e => e.Camera == camera && e.Path.EndsWith("/" + name, StringComparison.Ordinal)).Sha256);
            }

            // SIGKILL with the broker up: the broker publishes the receiver's last will.
            await using var status = await MqttRecorder.StartAsync(broker.Port, "receiver/status");
            await status.WaitForAsync(m => m.Text == "online", "receiver/status online");
            await receiver.KillAsync();
            await status.WaitForAsync(m => m.Text == "offline", "the last will: receiver/status offline");
        }
        finally
        {
            await receiver.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _sources.Dispose();
        _root.Dispose();
    }

    private async Task UploadAsync(ReceiverProcess receiver, int from, int to, List<(string, string, string)> uploaded)
    {
        for (var i = from; i < to; i++)
        {
            var camera = CameraNames[i % 2];
            var name = $"A_{i:D2}.jpg";
            var file = _sources.Create($"{camera}-{name}", 20_000 + i);
            using var curl = await Curl.UploadAsync("ftp", receiver.FtpPort, camera, Password, file, name);
            Assert.True(curl.ExitCode == 0, curl.Output);
            uploaded.Add((camera, name, Convert.ToHexStringLower(SHA256.HashData(_sources.Contents($"{camera}-{name}")))));
        }
    }

    private static async Task<List<ReceivedEvent>> WaitForEventsAsync(MqttRecorder recorder, int distinct)
    {
        List<ReceivedEvent> Parse() => [.. recorder.Messages.Select(m => ReceivedEvent.Parse(m.Text))];
        await Poll.UntilAsync(() => Parse().Select(e => e.Id).Distinct().Count() >= distinct, TimeSpan.FromSeconds(120), $"{distinct} distinct events");
        return Parse();
    }

    private sealed record ReceivedEvent(string Id, string Camera, string Path, string? Sha256, string Json)
    {
        public static ReceivedEvent Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new ReceivedEvent(root.GetProperty("id").GetString()!, root.GetProperty("camera").GetString()!, root.GetProperty("path").GetString()!, root.GetProperty("sha256").GetString(), json);
        }
    }
}
