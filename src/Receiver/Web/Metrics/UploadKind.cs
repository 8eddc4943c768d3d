namespace Receiver.Web.Metrics;

/// <summary>What a camera file is, from its extension: the event types of the design (snapshot, clip, file).</summary>
public static class UploadKind
{
    public const string Snapshot = "snapshot";
    public const string Clip = "clip";
    public const string File = "file";

    public static string Of(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" or ".png" => Snapshot,
        ".mp4" or ".avi" or ".mkv" or ".mov" or ".265" or ".264" or ".h265" or ".h264" => Clip,
        _ => File,
    };

    /// <summary>Clips a browser plays itself; the others (AVI, raw H.264/H.265) are downloaded.</summary>
    public static bool PlaysInBrowser(string path) => Path.GetExtension(path).ToLowerInvariant() is ".mp4" or ".mov";
}
