using System.Text.Json.Serialization;

namespace Receiver.Events.Mqtt;

/// <summary>
/// Home Assistant device-based discovery: homeassistant/device/&lt;id&gt;/config (full key names, no abbreviations:
/// each is its property's name in snake_case, <see cref="DiscoveryJsonContext"/>).
/// </summary>
public sealed class DiscoveryDocument
{
    public required DiscoveryDevice Device { get; init; }

    public required DiscoveryOrigin Origin { get; init; }

    public required IReadOnlyList<DiscoveryAvailability> Availability { get; init; }

    public required IReadOnlyDictionary<string, DiscoveryComponent> Components { get; init; }

    public int Qos { get; init; } = 1;
}

public sealed record DiscoveryDevice(
    IReadOnlyList<string> Identifiers,
    string Name,
    string Manufacturer,
    string Model);

public sealed record DiscoveryOrigin(
    string Name,
    string SwVersion,
    string SupportUrl);

public sealed record DiscoveryAvailability(
    string Topic,
    string PayloadAvailable,
    string PayloadNotAvailable);

/// <summary>
/// One entity of the device: what every entity has, then the fields of its platform; null fields are left out
/// (<see cref="DiscoveryJsonContext"/>).
/// </summary>
public sealed record DiscoveryComponent(
    string Platform,
    string UniqueId,
    string Name)
{
    public string? StateTopic { get; init; }

    public string? ValueTemplate { get; init; }

    public string? ImageTopic { get; init; }

    public string? ContentType { get; init; }

    public string? DeviceClass { get; init; }

    public IReadOnlyList<string>? EventTypes { get; init; }

    public int? OffDelay { get; init; }

    public string? PayloadOn { get; init; }

    public string? PayloadOff { get; init; }
}

/// <summary>
/// Source-generated JSON of the discovery document: Home Assistant's key names are the properties' names in
/// snake_case, and it reads a missing field as "not set".
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiscoveryDocument))]
internal sealed partial class DiscoveryJsonContext : JsonSerializerContext;
