using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Abstractions;
using Receiver.Events.Outbox;

namespace Receiver.Events;

/// <summary>
/// The one path an upload event is published from. Storage calls it right after the rename and the folder fsync,
/// before the protocol replies: it turns the upload into its event and appends it to the outbox (fsynced), writes
/// the upload's one Information line, then tells every in-process subscriber; a failing subscriber is logged, never fatal.
/// </summary>
public sealed class UploadEventRecorder
{
    private readonly EventOutbox? _outbox;
    private readonly ICameraCatalog? _catalog;
    private readonly string _dataRoot;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IUploadSubscriber> _subscribers;
    private readonly ILogger _logger;

    /// <param name="outbox">Where events go; null logs and tells the subscribers only (tools and tests without events).</param>
    /// <param name="hashUploads">Events:Hash is sha256: uploads hash their bytes as they arrive.</param>
    public UploadEventRecorder(EventOutbox? outbox, ICameraCatalog? catalog, string dataRoot, TimeProvider time, IEnumerable<IUploadSubscriber> subscribers, bool hashUploads, ILogger<UploadEventRecorder>? logger = null)
    {
        _outbox = outbox;
        _catalog = catalog;
        _dataRoot = dataRoot;
        _time = time;
        _subscribers = [.. subscribers];
        HashUploads = hashUploads;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Uploads hash their bytes as they are written (Events:Hash sha256).</summary>
    public bool HashUploads { get; }

    /// <summary>Records, logs and hands out one committed upload; returns it with its event.</summary>
    public UploadCompleted Publish(UploadCompleted upload)
    {
        if (_outbox is not null)
        {
            upload = upload with { Event = Record(_outbox, upload) };
        }

        EventsLog.UploadCompleted(
            _logger, upload.Camera, upload.Protocol.Name(), upload.FinalPath, upload.Size, (long)upload.Duration.TotalMilliseconds,
            upload.RemoteEndPoint?.ToString(), upload.Event?.Id, upload.Event?.EventType);
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber.OnUploadCompleted(upload);
            }
            catch (Exception ex)
            {
                EventsLog.SubscriberFailed(_logger, ex, subscriber.GetType().Name);
            }
        }

        return upload;
    }

    private UploadEvent Record(EventOutbox outbox, UploadCompleted upload)
    {
        var now = _time.GetLocalNow();
        var name = Path.GetFileName(upload.FinalPath);
        var (type, motion) = EventClassifier.Classify(name, _catalog?.Find(upload.Camera), now);
        var e = new UploadEvent
        {
            Id = UploadEvent.NewId(),
            EventType = type,
            Camera = upload.Camera,
            Path = Path.GetRelativePath(_dataRoot, upload.FinalPath).Replace('\\', '/'),
            Size = upload.Size,
            Sha256 = upload.Sha256,
            Protocol = upload.Protocol.Name(),
            Remote = upload.RemoteEndPoint?.ToString(),
            Time = now,
            Motion = motion,
        };
        outbox.Append(e);
        return e;
    }
}
