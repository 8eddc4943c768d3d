using System.Net;
using Microsoft.Extensions.Logging;
using Receiver.Events;

namespace Receiver.Storage;

/// <summary>A completed, committed upload.</summary>
/// <param name="Camera">The account.</param>
/// <param name="Protocol">"sftp", "ftp" or "ftps".</param>
/// <param name="FinalPath">Full path of the file on disk.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Duration">From the start of the upload to its commit.</param>
/// <param name="RemoteEndPoint">The camera's address.</param>
public sealed record UploadCompleted(string Camera, string Protocol, string FinalPath, long Size, TimeSpan Duration, EndPoint? RemoteEndPoint)
{
    /// <summary>Hex SHA-256 when the bytes arrived in order (hashed as written); else null.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The event recorded in the outbox for this upload (id, type, relative path); null without events.</summary>
    public UploadEvent? Event { get; init; }
}

/// <summary>
/// Something in this process that wants each completed upload as it happens (the live web page). It is told after
/// the event is durable in the outbox; MQTT, webhooks and ntfy read the outbox instead, so they survive restarts.
/// </summary>
public interface IUploadSubscriber
{
    void OnUploadCompleted(UploadCompleted upload);
}

/// <summary>
/// The one path an upload event is published from: records the event in the durable outbox (fsynced, before the
/// client's reply), writes one log line, then tells every in-process subscriber; a failing subscriber is logged,
/// never fatal.
/// </summary>
public sealed class UploadNotifier
{
    private readonly IReadOnlyList<IUploadSubscriber> _subscribers;
    private readonly UploadEventRecorder? _recorder;
    private readonly ILogger<UploadNotifier> _logger;

    public UploadNotifier(IEnumerable<IUploadSubscriber> subscribers, ILogger<UploadNotifier> logger)
        : this(subscribers, null, false, logger)
    {
    }

    public UploadNotifier(IEnumerable<IUploadSubscriber> subscribers, UploadEventRecorder? recorder, bool hashUploads, ILogger<UploadNotifier> logger)
    {
        _subscribers = [.. subscribers];
        _recorder = recorder;
        HashUploads = hashUploads;
        _logger = logger;
    }

    /// <summary>Events:Hash is sha256: uploads hash their bytes as they arrive.</summary>
    public bool HashUploads { get; }

    public void Publish(UploadCompleted upload)
    {
        var recorded = _recorder?.Record(upload.Camera, upload.FinalPath, upload.Size, upload.Sha256, upload.Protocol, upload.RemoteEndPoint?.ToString());
        if (recorded is not null)
        {
            upload = upload with { Event = recorded };
        }

        _logger.LogInformation(
            "Upload completed: {Camera} {Protocol} {FinalPath} {Size} bytes in {DurationMs} ms from {RemoteEndPoint} (event {EventId} {EventType})",
            upload.Camera, upload.Protocol, upload.FinalPath, upload.Size, (long)upload.Duration.TotalMilliseconds, upload.RemoteEndPoint,
            recorded?.Id, recorded?.EventType);
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber.OnUploadCompleted(upload);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Upload subscriber {Subscriber} failed", subscriber.GetType().Name);
            }
        }
    }
}
