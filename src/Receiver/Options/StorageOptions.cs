namespace Receiver.Options;

/// <summary>Section "Storage": where uploads, accounts and keys live, and how long uploads are kept.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Data folder: one folder per camera, plus ".receiver" for keys, accounts and session records.</summary>
    public string Root { get; set; } = "data";

    /// <summary>"daily": completed uploads are filed under the day they completed; "camera": the camera's own paths.</summary>
    public string Layout { get; set; } = "daily";

    /// <summary>Day folders older than this many days are deleted; 0 keeps them forever.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>While less than this share of the disk is free, the oldest day folders go first; 0 turns it off.</summary>
    public double MinFreeDiskPercent { get; set; } = 5;

    /// <summary>Default quota of a camera in MiB (0 = none); an account's own --quota-mb wins.</summary>
    public long CameraQuotaMegabytes { get; set; }

    /// <summary>The largest single upload in MiB (logical size: a write at a far offset counts to that offset).</summary>
    public long MaxUploadMegabytes { get; set; } = 4096;

    /// <summary>Daily layout: for this long after midnight the previous day's files stay visible at their paths.</summary>
    public int MidnightGraceMinutes { get; set; } = 15;

    /// <summary>How often the retention sweep runs.</summary>
    public int RetentionSweepMinutes { get; set; } = 10;

    public StorageLayout ParsedLayout => Layout.Equals("camera", StringComparison.OrdinalIgnoreCase)
        ? StorageLayout.Camera
        : StorageLayout.Daily;
}

public enum StorageLayout
{
    Daily,
    Camera,
}
