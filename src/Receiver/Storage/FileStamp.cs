namespace Receiver.Storage;

/// <summary>A cheap change detector for a file that is replaced by rename: its write time and length.</summary>
public readonly record struct FileStamp(DateTime LastWriteUtc, long Length)
{
    public static readonly FileStamp Missing = new(DateTime.MinValue, -1);

    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.LastWriteTimeUtc, info.Length) : Missing;
    }
}
