namespace Receiver.Events;

/// <summary>Event type and motion flag from the file name and the camera's settings.</summary>
public static class EventClassifier
{
    public const string TestSnapshotName = "Test-Snapshot.jpeg";

    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg" };

    private static readonly HashSet<string> VideoExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".m4v", ".mov", ".avi", ".mkv", ".ts", ".asf", ".264", ".h264", ".265", ".h265", ".3gp", ".webm", ".flv",
    };

    public static (string EventType, bool Motion) Classify(string fileName, EventCamera? camera, DateTimeOffset now)
    {
        if (camera?.TestUploadUntil is { } until && now <= until && fileName.Equals(TestSnapshotName, StringComparison.OrdinalIgnoreCase))
        {
            return (EventTypes.Test, false);
        }

        var extension = System.IO.Path.GetExtension(fileName);
        var type = ImageExtensions.Contains(extension) ? EventTypes.Snapshot
            : VideoExtensions.Contains(extension) ? EventTypes.Clip
            : EventTypes.File;
        var motion = type != EventTypes.File && camera?.IsScheduled(fileName) != true;
        return (type, motion);
    }
}
