using System.Text.Json;

namespace Receiver.Events.Mqtt;

/// <summary>
/// The device of one camera: image (latest snapshot), event (uploads), timestamp sensor (last upload), motion
/// binary sensor (turns itself off after off_delay), problem binary sensor (quiet camera).
/// </summary>
public static class HomeAssistantDiscovery
{
    public static byte[] Build(MqttTopics topics, string camera, string version, int motionOffDelaySeconds)
    {
        var id = topics.DeviceId(camera);
        var document = new DiscoveryDocument
        {
            Device = new DiscoveryDevice([id], camera, "Receiver", "Camera upload receiver"),
            Origin = new DiscoveryOrigin("receiver", version, "https://github.com/receiver/receiver"),
            Availability = [new DiscoveryAvailability(topics.Status, "online", "offline")],
            Components = new Dictionary<string, DiscoveryComponent>(StringComparer.Ordinal)
            {
                [$"{id}_snapshot"] = new()
                {
                    Platform = "image",
                    UniqueId = $"{id}_snapshot",
                    Name = "Snapshot",
                    ImageTopic = topics.Snapshot(camera),
                    ContentType = "image/jpeg",
                },
                [$"{id}_upload"] = new()
                {
                    Platform = "event",
                    UniqueId = $"{id}_upload",
                    Name = "Upload",
                    StateTopic = topics.Event(camera),
                    EventTypes = Events.EventTypes.All,
                },
                [$"{id}_last_upload"] = new()
                {
                    Platform = "sensor",
                    UniqueId = $"{id}_last_upload",
                    Name = "Last upload",
                    StateTopic = topics.LastUpload(camera),
                    DeviceClass = "timestamp",
                },
                [$"{id}_motion"] = new()
                {
                    Platform = "binary_sensor",
                    UniqueId = $"{id}_motion",
                    Name = "Motion",
                    StateTopic = topics.Event(camera),
                    DeviceClass = "motion",
                    ValueTemplate = "{{ 'ON' if value_json.motion else 'OFF' }}",
                    OffDelay = motionOffDelaySeconds,
                    PayloadOn = "ON",
                    PayloadOff = "OFF",
                },
                [$"{id}_problem"] = new()
                {
                    Platform = "binary_sensor",
                    UniqueId = $"{id}_problem",
                    Name = "Problem",
                    StateTopic = topics.Problem(camera),
                    DeviceClass = "problem",
                    PayloadOn = "ON",
                    PayloadOff = "OFF",
                },
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, EventJsonContext.Default.DiscoveryDocument);
    }
}
