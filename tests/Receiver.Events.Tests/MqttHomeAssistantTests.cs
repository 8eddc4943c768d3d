using System.Text.Json;

namespace Receiver.Events.Tests;

/// <summary>The real receiver, Debian's mosquitto and an MQTTnet subscriber: what Home Assistant would see.</summary>
public sealed class MqttHomeAssistantTests : IAsyncLifetime
{
    private const string Password = "Garage-Password-1";

    // Every test gets its own broker, a subscriber to all of it and a receiver publishing there; set in InitializeAsync.
    private Mosquitto _broker = null!;
    private MqttRecorder _subscriber = null!;
    private EventsReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _broker = await Mosquitto.StartAsync();
        _subscriber = await MqttRecorder.StartAsync(_broker.Port);
        _receiver = await EventsReceiver.StartAsync(new Dictionary<string, string?> { ["Events:Mqtt:Url"] = _broker.Url, ["Events:MaxRetrySeconds"] = "1" });
    }

    public async Task DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        if (_subscriber is not null)
        {
            await _subscriber.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_sftp_and_an_ftp_upload_publish_discovery_events_with_the_files_sha256_the_retained_snapshot_and_status()
    {
        _receiver.AddCamera("garage", Password);

        await _subscriber.WaitForAsync(m => m.Topic == "receiver/status" && m.Text == "online", "receiver/status online");
        var config = await _subscriber.WaitForAsync(m => m.Topic == "homeassistant/device/receiver_garage/config" && m.Payload.Length > 0, "the discovery config");
        AssertDiscovery(config.Payload);

        var snapshot = TestFiles.Jpeg(30_000, seed: 7);
        _receiver.UploadSftp("garage", Password, "A_20261201_0001.jpg", snapshot);
        var clip = TestFiles.Random(50_000, seed: 8);
        var curl = await _receiver.UploadFtpAsync("garage", Password, "alarm.mp4", clip);
        Assert.True(curl.ExitCode == 0, curl.Describe());

        var sftpEvent = await WaitForEventAsync(_subscriber, "A_20261201_0001.jpg");
        Assert.Equal("snapshot", sftpEvent.GetProperty("event_type").GetString());
        Assert.Equal("sftp", sftpEvent.GetProperty("protocol").GetString());
        Assert.Equal(EventsReceiver.Sha256(snapshot), sftpEvent.GetProperty("sha256").GetString());
        Assert.Equal(EventsReceiver.Sha256(await File.ReadAllBytesAsync(_receiver.FileOf("garage", "A_20261201_0001.jpg"))), sftpEvent.GetProperty("sha256").GetString());
        Assert.Equal(snapshot.Length, sftpEvent.GetProperty("size").GetInt64());
        Assert.True(sftpEvent.GetProperty("motion").GetBoolean());
        Assert.Matches(@"^garage/\d{4}-\d{2}-\d{2}/A_20261201_0001\.jpg$", sftpEvent.GetProperty("path").GetString());
        Assert.Matches(@"[+-]\d{2}:\d{2}$", sftpEvent.GetProperty("time").GetString());
        Assert.StartsWith("127.0.0.1:", sftpEvent.GetProperty("remote").GetString());

        var ftpEvent = await WaitForEventAsync(_subscriber, "alarm.mp4");
        Assert.Equal("clip", ftpEvent.GetProperty("event_type").GetString());
        Assert.Equal("ftp", ftpEvent.GetProperty("protocol").GetString());
        Assert.Equal(EventsReceiver.Sha256(clip), ftpEvent.GetProperty("sha256").GetString());

        // A subscriber that connects now gets the retained state: the snapshot's bytes, the last upload, no problem.
        await using (var late = await MqttRecorder.StartAsync(_broker.Port, "receiver/garage/#"))
        {
            var retained = await late.WaitForAsync(m => m.Topic == "receiver/garage/snapshot" && m.Retained, "the retained snapshot");
            Assert.Equal(snapshot, retained.Payload);
            var last = await late.WaitForAsync(m => m.Topic == "receiver/garage/last_upload" && m.Retained, "the retained last_upload");
            Assert.True(DateTimeOffset.TryParse(last.Text, System.Globalization.CultureInfo.InvariantCulture, out _), last.Text);
            var problem = await late.WaitForAsync(m => m.Topic == "receiver/garage/problem" && m.Retained, "the retained problem");
            Assert.Equal("OFF", problem.Text);
        }

        await _receiver.StopAsync();
        await _subscriber.WaitForAsync(m => m.Topic == "receiver/status" && m.Text == "offline", "receiver/status offline after the stop");
    }

    [Fact]
    public async Task Home_Assistant_coming_online_gets_discovery_again_and_a_camera_removed_by_the_cli_loses_its_retained_topics()
    {
        _receiver.AddCamera("porch", Password);
        const string configTopic = "homeassistant/device/receiver_porch/config";
        await _subscriber.WaitForAsync(m => m.Topic == configTopic && m.Payload.Length > 0, "the first discovery config");
        _receiver.UploadSftp("porch", Password, "snap.jpg", TestFiles.Jpeg(5_000));
        await _subscriber.WaitForAsync(m => m.Topic == "receiver/porch/snapshot" && m.Payload.Length == 5_000, "the snapshot");

        var before = _subscriber.On(configTopic).Count;
        await _subscriber.PublishAsync("homeassistant/status", "online");
        await Wait.UntilAsync(() => _subscriber.On(configTopic).Count > before, "discovery republished after homeassistant/status online");

        // Another process (the CLI, `receiver --remove-camera`) removes the camera: the service notices the account file change.
        var (program, arguments) = ReceiverCommand.For(ReceiverProgramPath(), "--remove-camera", "porch");
        var cli = await ExternalProcess.RunAsync(program, arguments,
            environment: new Dictionary<string, string> { ["Storage__Root"] = _receiver.Root }, timeout: TimeSpan.FromSeconds(120));
        Assert.True(cli.ExitCode == 0, cli.Describe());
        foreach (var topic in new[] { configTopic, "receiver/porch/snapshot", "receiver/porch/last_upload", "receiver/porch/problem" })
        {
            await _subscriber.WaitForAsync(m => m.Topic == topic && m.Payload.Length == 0, $"{topic} cleared");
        }

        await using var late = await MqttRecorder.StartAsync(_broker.Port, "#");
        await late.WaitForAsync(m => m.Topic == "receiver/status", "the retained status");
        Assert.DoesNotContain(late.Messages, m => m.Topic.Contains("porch", StringComparison.Ordinal));
    }

    /// <summary>The receiver as built in its own project (this test project's output carries the ASP.NET framework for the webhook verifier).</summary>
    private static string ReceiverProgramPath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var repository = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(repository, "src", "Receiver", "bin", output.Parent.Name, output.Name, "receiver.dll");
    }

    internal static async Task<JsonElement> WaitForEventAsync(MqttRecorder subscriber, string fileName)
    {
        var message = await subscriber.WaitForAsync(
            m => m.Topic.EndsWith("/event", StringComparison.Ordinal) && m.Text.Contains(fileName, StringComparison.Ordinal),
            $"the event of {fileName}");
        using var document = JsonDocument.Parse(message.Payload);
        return document.RootElement.Clone();
    }

    private static void AssertDiscovery(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        Assert.Equal("receiver", root.GetProperty("origin").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("origin").GetProperty("sw_version").GetString()));
        Assert.Equal("receiver_garage", root.GetProperty("device").GetProperty("identifiers")[0].GetString());
        Assert.Equal("receiver/status", root.GetProperty("availability")[0].GetProperty("topic").GetString());

        var components = root.GetProperty("components").EnumerateObject().Select(p => p.Value).ToList();
        Assert.Equal(5, components.Count);
        Assert.Equal(["binary_sensor", "binary_sensor", "event", "image", "sensor"], components.Select(c => c.GetProperty("platform").GetString()).Order());
        Assert.Equal(5, components.Select(c => c.GetProperty("unique_id").GetString()).Distinct().Count());

        var image = components.Single(c => c.GetProperty("platform").GetString() == "image");
        Assert.Equal("receiver/garage/snapshot", image.GetProperty("image_topic").GetString());
        var upload = components.Single(c => c.GetProperty("platform").GetString() == "event");
        Assert.Equal(["snapshot", "clip", "file", "test", "quiet"], upload.GetProperty("event_types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("receiver/garage/event", upload.GetProperty("state_topic").GetString());
        var sensor = components.Single(c => c.GetProperty("platform").GetString() == "sensor");
        Assert.Equal("timestamp", sensor.GetProperty("device_class").GetString());
        Assert.Equal("receiver/garage/last_upload", sensor.GetProperty("state_topic").GetString());
        var binary = components.Where(c => c.GetProperty("platform").GetString() == "binary_sensor").ToDictionary(c => c.GetProperty("device_class").GetString()!);
        Assert.True(binary["motion"].GetProperty("off_delay").GetInt32() > 0);
        Assert.Equal("receiver/garage/problem", binary["problem"].GetProperty("state_topic").GetString());
    }
}
