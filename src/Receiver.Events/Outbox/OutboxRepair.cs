using Microsoft.Extensions.Logging;

namespace Receiver.Events.Outbox;

/// <summary>
/// Start-up repair after a crash. A commit appends its event after the rename and the folder fsync, so the only
/// gap a crash leaves is a file renamed into place whose event was not yet written. Such a file is newer than the
/// newest event held, and no held event names it with a time at or after its last write: it gets its event now.
/// (The other direction, an event without its file, cannot happen: the rename is on disk before the append.)
/// </summary>
public static class OutboxRepair
{
    /// <summary>How far before the newest held event a missed commit may have finished writing (a slow fsync).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(10);

    public static int Run(EventOutbox outbox, string dataRoot, ICameraCatalog catalog, TimeProvider time, ILogger logger)
    {
        var held = outbox.Held();
        if (!outbox.HadHistory || held.Count == 0)
        {
            return 0;
        }

        var since = held.Max(e => e.Time) - Slack;
        var oldest = held.Min(e => e.Time);
        if (oldest > since)
        {
            since = oldest;
        }

        var covered = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in held.Where(e => e.Path is not null))
        {
            if (!covered.TryGetValue(e.Path!, out var t) || e.Time > t)
            {
                covered[e.Path!] = e.Time;
            }
        }

        var repaired = 0;
        foreach (var camera in catalog.List())
        {
            var folder = new DirectoryInfo(Path.Combine(dataRoot, camera.Name));
            if (!folder.Exists)
            {
                continue;
            }

            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
            foreach (var file in folder.EnumerateFiles("*", options).Where(f => f.LastWriteTimeUtc >= since.UtcDateTime).OrderBy(f => f.LastWriteTimeUtc))
            {
                var relative = Path.GetRelativePath(dataRoot, file.FullName).Replace('\\', '/');
                if (covered.TryGetValue(relative, out var eventTime) && eventTime.UtcDateTime >= file.LastWriteTimeUtc)
                {
                    continue;
                }

                var (type, motion) = EventClassifier.Classify(file.Name, camera, time.GetUtcNow());
                outbox.Append(new UploadEvent
                {
                    Id = UploadEvent.NewId(),
                    EventType = type,
                    Camera = camera.Name,
                    Path = relative,
                    Size = file.Length,
                    Protocol = "recovered",
                    Time = new DateTimeOffset(file.LastWriteTimeUtc).ToOffset(time.GetLocalNow().Offset),
                    Motion = motion,
                });
                EventsLog.Repaired(logger, camera.Name, relative);
                repaired++;
            }
        }

        return repaired;
    }
}
