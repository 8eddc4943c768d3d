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
            Components = new[]
            {
                new DiscoveryComponent("image", $"{id}_snapshot", "Snapshot") { ImageTopic = topics.Snapshot(camera), ContentType = "image/jpeg" },
                new DiscoveryComponent("event", $"{id}_upload", "Upload") { StateTopic = topics.Event(camera), EventTypes = Events.EventTypes.All },
                new DiscoveryComponent("sensor", $"{id}_last_upload", "Last upload") { StateTopic = topics.LastUpload(camera), DeviceClass = "timestamp" },
                BinarySensor($"{id}_motion", "Motion", topics.Event(camera), "motion") with
                {
                    ValueTemplate = "{{ 'ON' if value_json.motion else 'OFF' }}",
                    OffDelay = motionOffDelaySeconds,
                },
                BinarySensor($"{id}_problem", "Problem", topics.Problem(camera), "problem"),
            }.ToDictionary(c => c.UniqueId, StringComparer.Ordinal),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, DiscoveryJsonContext.Default.DiscoveryDocument);
    }

    /// <summary>A binary sensor whose state arrives as "ON" or "OFF".</summary>
    private static DiscoveryComponent BinarySensor(string uniqueId, string name, string stateTopic, string deviceClass) =>
        new("binary_sensor", uniqueId, name) { StateTopic = stateTopic, DeviceClass = deviceClass, PayloadOn = "ON", PayloadOff = "OFF" };
}
