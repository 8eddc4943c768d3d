namespace Receiver.Provisioning.Camera;

/// <summary>The upload actions (getftpaction/setftpaction <c>type</c>).</summary>
public enum FtpUploadType
{
    /// <summary>rec: alarm video recording.</summary>
    AlarmRecording,

    /// <summary>snap: alarm snapshot.</summary>
    AlarmSnapshot,

    /// <summary>timersnap: planned snapshot.</summary>
    TimerSnapshot,
}

public static class FtpUploadTypes
{
    public static readonly IReadOnlyList<FtpUploadType> All = [FtpUploadType.AlarmRecording, FtpUploadType.AlarmSnapshot, FtpUploadType.TimerSnapshot];

    public static string WireName(this FtpUploadType type) => type switch
    {
        FtpUploadType.AlarmRecording => "rec",
        FtpUploadType.AlarmSnapshot => "snap",
        FtpUploadType.TimerSnapshot => "timersnap",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static FtpUploadType Parse(string wireName) => wireName.Trim().ToLowerInvariant() switch
    {
        "rec" => FtpUploadType.AlarmRecording,
        "snap" => FtpUploadType.AlarmSnapshot,
        "timersnap" => FtpUploadType.TimerSnapshot,
        _ => throw new Cgi.CameraValueException("type", $"'{wireName}' is not an upload type (rec, snap, timersnap)."),
    };
}

/// <summary>One upload action: on/off and the cool-down between uploads (interval, 1–3600 s when set).</summary>
public sealed record FtpActionSettings(bool Enabled, int IntervalSeconds);
