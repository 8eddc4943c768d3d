using Microsoft.Extensions.Logging;

namespace Receiver.Events;

/// <summary>The event pipeline's log lines, one per fact.</summary>
internal static partial class EventsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Upload completed: {Camera} {Protocol} {FinalPath} {Size} bytes in {DurationMs} ms from {RemoteEndPoint} (event {EventId} {EventType})")]
    public static partial void UploadCompleted(ILogger logger, string camera, string protocol, string finalPath, long size, long durationMs, string? remoteEndPoint, string? eventId, string? eventType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Upload subscriber {Subscriber} failed")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception, string subscriber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event outbox full ({MaxMegabytes} MB undelivered): dropped the {Count} oldest events (through #{Seq}, {Total} dropped since start)")]
    public static partial void OutboxFull(ILogger logger, long maxMegabytes, int count, long seq, long total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event outbox {File}: cut {Bytes} bytes of a line a crash left unfinished")]
    public static partial void TornTail(ILogger logger, string file, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} of {Camera} could not go to {Sink}: {Reason}; retrying")]
    public static partial void DeliveryFailed(ILogger logger, string sink, string eventId, string camera, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Sink} still failing after {Failures} attempts ({Reason}); next in {WaitSeconds} s")]
    public static partial void DeliveryStillFailing(ILogger logger, string sink, int failures, string reason, int waitSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Sink} delivers again after {Failures} failed attempts")]
    public static partial void Recovered(ILogger logger, string sink, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sink} refused event {EventId} of {Camera} for good: {Reason}")]
    public static partial void Refused(ILogger logger, string sink, string eventId, string camera, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} of {Camera} skipped by {Sink}: older than {MaxAgeMinutes} minutes")]
    public static partial void Expired(ILogger logger, string sink, string eventId, string camera, int maxAgeMinutes);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT connected to {Broker} (MQTT {Version})")]
    public static partial void MqttConnected(ILogger logger, string broker, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker {Broker} not reachable: {Reason}; retrying in {WaitSeconds} s (uploads continue, events wait in the outbox)")]
    public static partial void MqttUnreachable(ILogger logger, string broker, string reason, int waitSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT connection to {Broker} lost: {Reason}")]
    public static partial void MqttLost(ILogger logger, string broker, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT: camera {Camera} removed, its retained topics cleared")]
    public static partial void CameraCleared(ILogger logger, string camera);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera} quiet: no upload for {Hours} hours")]
    public static partial void CameraQuiet(ILogger logger, string camera, int hours);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up repair: {Camera} file {Path} was committed without its event (crash); event added")]
    public static partial void Repaired(ILogger logger, string camera, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Events: {Sinks} sinks ({Names}), outbox {Queued} undelivered of at most {MaxMegabytes} MB")]
    public static partial void Started(ILogger logger, int sinks, string names, int queued, int maxMegabytes);
}
