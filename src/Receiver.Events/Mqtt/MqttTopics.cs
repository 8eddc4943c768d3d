namespace Receiver.Events.Mqtt;

/// <summary>Every topic the receiver publishes, in one place.</summary>
public sealed class MqttTopics(string prefix, string discoveryPrefix)
{
    public string Status => $"{prefix}/status";

    public string HomeAssistantStatus => $"{discoveryPrefix}/status";

    public string Event(string camera) => $"{prefix}/{camera}/event";

    public string Snapshot(string camera) => $"{prefix}/{camera}/snapshot";

    public string LastUpload(string camera) => $"{prefix}/{camera}/last_upload";

    public string Problem(string camera) => $"{prefix}/{camera}/problem";

    public string DeviceId(string camera) => Sanitize($"{prefix}_{camera}");

    public string Discovery(string camera) => $"{discoveryPrefix}/device/{DeviceId(camera)}/config";

    private static string Sanitize(string id) => new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')]);
}
