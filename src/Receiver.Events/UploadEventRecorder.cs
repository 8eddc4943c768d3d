using Receiver.Events.Outbox;

namespace Receiver.Events;

/// <summary>
/// Turns a committed upload into its event and appends it to the outbox (fsynced) before the protocol replies:
/// the host calls it right after the rename and the folder fsync.
/// </summary>
public sealed class UploadEventRecorder(EventOutbox outbox, ICameraCatalog catalog, string dataRoot, TimeProvider time)
{
    /// <param name="finalPath">Full path of the committed file.</param>
    /// <param name="sha256">Hex digest when the bytes arrived in order; null to compute it later (or with Events:Hash none).</param>
    public UploadEvent Record(string camera, string finalPath, long size, string? sha256, string protocol, string? remote)
    {
        var now = time.GetLocalNow();
        var name = Path.GetFileName(finalPath);
        var (type, motion) = EventClassifier.Classify(name, catalog.Find(camera), now);
        var e = new UploadEvent
        {
            Id = UploadEvent.NewId(),
            EventType = type,
            Camera = camera,
            Path = Path.GetRelativePath(dataRoot, finalPath).Replace('\\', '/'),
            Size = size,
            Sha256 = sha256,
            Protocol = protocol,
            Remote = remote,
            Time = now,
            Motion = motion,
        };
        outbox.Append(e);
        return e;
    }
}
