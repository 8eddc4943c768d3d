using System.Text.Json.Serialization;

namespace Receiver.Events;

/// <summary>The kinds of event; <see cref="All"/> is what the Home Assistant event entity lists.</summary>
public static class EventTypes
{
    public const string Snapshot = "snapshot";
    public const string Clip = "clip";
    public const string File = "file";
    public const string Test = "test";
    public const string Quiet = "quiet";

    public static readonly IReadOnlyList<string> All = [Snapshot, Clip, File, Test, Quiet];

    public static bool IsUpload(string type) => type is Snapshot or Clip or File or Test;
}

/// <summary>
/// One event: a committed upload, or a camera that went quiet. The id is stable across retries and restarts, so
/// a subscriber de-duplicates by it. <see cref="Motion"/> is false for the enrollment test upload and for
/// scheduled snapshots, which must not trigger a motion alarm.
/// </summary>
public sealed record UploadEvent
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("event_type")]
    public required string EventType { get; init; }

    [JsonPropertyName("camera")]
    public required string Camera { get; init; }

    /// <summary>Relative to the data folder, with '/' ("garage/2026-12-01/A_0001.jpg"); null for a quiet event.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>Lower-case hex; null with Events:Hash none, or until it is computed after an out-of-order upload.</summary>
    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    [JsonPropertyName("remote")]
    public string? Remote { get; init; }

    /// <summary>When the upload was committed (after the rename), with the receiver's offset.</summary>
    [JsonPropertyName("time")]
    public required DateTimeOffset Time { get; init; }

    [JsonPropertyName("motion")]
    public bool Motion { get; init; }

    /// <summary>Quiet events: how many hours without an upload raised it.</summary>
    [JsonPropertyName("quiet_hours")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? QuietHours { get; init; }

    /// <summary>A new id that sorts by creation time.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");
}
