using System.Text.Json;
using System.Text.Json.Serialization;
using Receiver.Events.Mqtt;
using Receiver.Events.Outbox;

namespace Receiver.Events;

/// <summary>Source-generated JSON for everything this library writes (the discovery document has its own, <see cref="DiscoveryJsonContext"/>), so a trimmed or NativeAOT build keeps it.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(UploadEvent))]
[JsonSerializable(typeof(OutboxRecord))]
[JsonSerializable(typeof(Dictionary<string, CameraRetainedState>))]
[JsonSerializable(typeof(Dictionary<string, DateTimeOffset>))]
internal sealed partial class EventJsonContext : JsonSerializerContext;

/// <summary>The event's wire form, the same bytes for MQTT, webhooks and the outbox.</summary>
public static class EventJson
{
    public static byte[] Serialize(UploadEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, EventJsonContext.Default.UploadEvent);

    public static UploadEvent? Deserialize(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize(json, EventJsonContext.Default.UploadEvent);
}
