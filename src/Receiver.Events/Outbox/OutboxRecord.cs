using System.Text.Json.Serialization;

namespace Receiver.Events.Outbox;

/// <summary>One line of the outbox: a sequence number (the order of commits) and the event.</summary>
public sealed record OutboxRecord(
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("event")] UploadEvent Event);
