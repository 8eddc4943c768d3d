using System.Text.Json.Serialization;

namespace Receiver.Events.Mqtt;

/// <summary>Home Assistant device-based discovery: homeassistant/device/&lt;id&gt;/config (full key names, no abbreviations).</summary>
public sealed class DiscoveryDocument
{
    [JsonPropertyName("device")]
    public required DiscoveryDevice Device { get; init; }

    [JsonPropertyName("origin")]
    public required DiscoveryOrigin Origin { get; init; }

    [JsonPropertyName("availability")]
    public required IReadOnlyList<DiscoveryAvailability> Availability { get; init; }

    [JsonPropertyName("components")]
    public required IReadOnlyDictionary<string, DiscoveryComponent> Components { get; init; }

    [JsonPropertyName("qos")]
    public int Qos { get; init; } = 1;
}

public sealed record DiscoveryDevice(
    [property: JsonPropertyName("identifiers")] IReadOnlyList<string> Identifiers,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("manufacturer")] string Manufacturer,
    [property: JsonPropertyName("model")] string Model);

public sealed record DiscoveryOrigin(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sw_version")] string SwVersion,
    [property: JsonPropertyName("support_url")] string SupportUrl);

public sealed record DiscoveryAvailability(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("payload_available")] string PayloadAvailable,
    [property: JsonPropertyName("payload_not_available")] string PayloadNotAvailable);

/// <summary>One entity of the device; null fields are left out.</summary>
public sealed class DiscoveryComponent
{
    [JsonPropertyName("platform")]
    public required string Platform { get; init; }

    [JsonPropertyName("unique_id")]
    public required string UniqueId { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("state_topic")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StateTopic { get; init; }

    [JsonPropertyName("value_template")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ValueTemplate { get; init; }

    [JsonPropertyName("image_topic")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ImageTopic { get; init; }

    [JsonPropertyName("content_type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContentType { get; init; }

    [JsonPropertyName("device_class")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeviceClass { get; init; }

    [JsonPropertyName("event_types")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? EventTypes { get; init; }

    [JsonPropertyName("off_delay")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? OffDelay { get; init; }

    [JsonPropertyName("payload_on")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PayloadOn { get; init; }

    [JsonPropertyName("payload_off")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PayloadOff { get; init; }
}
