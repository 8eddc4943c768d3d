using Microsoft.Extensions.Logging;
using Receiver.Storage;
using Receiver.Web.Files;
using Receiver.Web.Metrics;

namespace Receiver.Web.Thumbnails;

/// <summary>
/// Thumbnails made once per file and kept under .receiver/thumbs/&lt;camera&gt;/&lt;day&gt;/ (outside every camera's view
/// and quota). A file that gives none leaves a ".none" marker, so it is not decoded again. One is made at a time:
/// two cores and a Pi's memory are shared with the uploads.
/// </summary>
public sealed partial class ThumbnailCache(DataPaths paths, ILogger<ThumbnailCache> logger)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public string Folder => Path.Combine(paths.SystemFolder, "thumbs");

    /// <summary>The thumbnail file of a picture, made now if needed; null when the file is not a picture or gives none.</summary>
    public async Task<string?> GetAsync(DayFile file, string sourcePath, CancellationToken cancellationToken)
    {
        if (UploadKind.Of(sourcePath) != UploadKind.Snapshot)
        {
            return null;
        }

        var stem = Path.Combine(Folder, file.Camera, file.Day, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
        var thumb = stem + ".jpg";
        var marker = stem + ".none";
        var written = File.GetLastWriteTimeUtc(sourcePath);
        if (IsFresh(thumb, written))
        {
            return thumb;
        }

        if (IsFresh(marker, written))
        {
            return null;
        }

        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (IsFresh(thumb, written))
            {
                return thumb;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(thumb)!);
            byte[]? bytes;
            try
            {
                bytes = ThumbnailMaker.Make(sourcePath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or DllNotFoundException or TypeInitializationException)
            {
                LogFailed(logger, ex, file.Camera, file.RelativePath);
                bytes = null;
            }

            if (bytes is null)
            {
                LogNoThumbnail(logger, file.Camera, file.Day, file.RelativePath);
                await File.WriteAllBytesAsync(marker, [], CancellationToken.None);
                return null;
            }

            var temp = thumb + ".tmp";
            await File.WriteAllBytesAsync(temp, bytes, CancellationToken.None);
            File.Move(temp, thumb, overwrite: true);
            return thumb;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Removes the thumbnails of days whose folder is gone (retention deleted it); returns how many day folders went.</summary>
    public int SweepDeletedDays()
    {
        var removed = 0;
        if (!Directory.Exists(Folder))
        {
            return 0;
        }

        foreach (var camera in Directory.EnumerateDirectories(Folder))
        {
            foreach (var day in Directory.EnumerateDirectories(camera))
            {
                if (!Directory.Exists(Path.Combine(paths.CameraFolder(Path.GetFileName(camera)), Path.GetFileName(day))))
                {
                    Directory.Delete(day, recursive: true);
                    removed++;
                }
            }
        }

        return removed;
    }

    private static bool IsFresh(string path, DateTime sourceWritten)
    {
        var info = new FileInfo(path);
        return info.Exists && info.LastWriteTimeUtc >= sourceWritten;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No thumbnail for {Camera} {Day} {Path}: not a picture, damaged, or larger than the pixel limit")]
    private static partial void LogNoThumbnail(ILogger logger, string camera, string day, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thumbnail of {Camera} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string camera, string path);
}
