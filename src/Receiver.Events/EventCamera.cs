using System.IO.Enumeration;

namespace Receiver.Events;

/// <summary>What events need to know of one camera account; the host maps its accounts to these.</summary>
/// <param name="Name">The camera (account) name.</param>
/// <param name="QuietAfterHours">No upload for this long is a problem; 0 = never, null = Events:QuietAfterHours.</param>
/// <param name="ScheduledSnapshotPattern">File names (glob, '*' and '?') of scheduled snapshots, which are not motion.</param>
/// <param name="TestUploadUntil">Enrollment's test is running until then: Test-Snapshot.jpeg is a test, not motion.</param>
public sealed record EventCamera(string Name, int? QuietAfterHours = null, string? ScheduledSnapshotPattern = null, DateTimeOffset? TestUploadUntil = null)
{
    public bool IsScheduled(string fileName) =>
        !string.IsNullOrEmpty(ScheduledSnapshotPattern) && FileSystemName.MatchesSimpleExpression(ScheduledSnapshotPattern, fileName, ignoreCase: true);
}

/// <summary>The current cameras (the host's account store); read often, so it must be cheap.</summary>
public interface ICameraCatalog
{
    IReadOnlyList<EventCamera> List();

    EventCamera? Find(string name);
}
