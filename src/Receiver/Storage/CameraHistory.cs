using System.Globalization;
using Receiver.Options;

namespace Receiver.Storage;

/// <summary>
/// One piece of a camera's history that retention or the quota deletes at once: a day folder, or (daily layout) the
/// files of one day in folders the receiver did not make, dated by when they were written.
/// </summary>
/// <param name="Camera">The camera.</param>
/// <param name="Day">The day it counts as: the folder's date, or the files' write date; never later than today.</param>
/// <param name="Folder">A whole folder to delete, or null for <paramref name="Files"/>.</param>
/// <param name="Files">Loose files to delete (their emptied folders go too).</param>
/// <param name="Bytes">Logical bytes of everything in it.</param>
internal sealed record HistoryUnit(string Camera, DateOnly Day, string? Folder, IReadOnlyList<string> Files, long Bytes)
{
    public string Label => Folder is not null ? Path.GetFileName(Folder) : $"files of {Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>Deletes it; returns how many files went. A file already gone is not an error.</summary>
    public int Delete(string cameraFolder)
    {
        if (Folder is not null)
        {
            if (!Directory.Exists(Folder))
            {
                return 0;
            }

            var count = Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Count();
            Directory.Delete(Folder, recursive: true);
            return count;
        }

        var deleted = 0;
        foreach (var file in Files)
        {
            if (File.Exists(file))
            {
                File.Delete(file);
                deleted++;
            }

            PruneEmptyFolders(Path.GetDirectoryName(file)!, cameraFolder);
        }

        return deleted;
    }

    private static void PruneEmptyFolders(string folder, string stopAt)
    {
        while (folder.Length > stopAt.Length && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }
}

/// <summary>Finds a camera's history units and measures its use (logical bytes, so sparse files count in full).</summary>
internal static class CameraHistory
{
    private static readonly EnumerationOptions AllFiles = new() { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };

    /// <summary>
    /// Every unit of the camera, oldest first. Day folders (yyyy-MM-dd) are units by their date; a future date counts as
    /// its newest file's day, never later than today. In the daily layout, folders with other names and loose files are
    /// taken by their files' age. The camera layout sweeps only day folders and kept versions: the rest is the camera's own.
    /// </summary>
    public static List<HistoryUnit> Find(string cameraFolder, string camera, StorageLayout layout, DateOnly today, TimeZoneInfo zone)
    {
        var units = new List<HistoryUnit>();
        var folder = new DirectoryInfo(cameraFolder);
        if (!folder.Exists)
        {
            return units;
        }

        var loose = new List<FileInfo>();
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            if (entry is DirectoryInfo directory && TryParseDay(directory.Name, out var day))
            {
                units.Add(FolderUnit(camera, directory, day, today, zone));
            }
            else if (entry is DirectoryInfo versions && versions.Name == CameraView.VersionsName)
            {
                foreach (var dayFolder in versions.EnumerateDirectories())
                {
                    if (dayFolder.LinkTarget is null && TryParseDay(dayFolder.Name, out var versionDay))
                    {
                        units.Add(FolderUnit(camera, dayFolder, versionDay, today, zone));
                    }
                }
            }
            else if (layout == StorageLayout.Daily)
            {
                loose.AddRange(entry is DirectoryInfo other ? other.EnumerateFiles("*", AllFiles) : [(FileInfo)entry]);
            }
        }

        foreach (var group in loose.GroupBy(file => Min(DayOf(file, zone), today)))
        {
            units.Add(new HistoryUnit(camera, group.Key, null, [.. group.Select(f => f.FullName)], group.Sum(f => f.Length)));
        }

        units.Sort((a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : string.CompareOrdinal(a.Label, b.Label));
        return units;
    }

    /// <summary>Logical bytes of every file under the camera's folder (versions and old data included).</summary>
    public static long MeasureBytes(string cameraFolder)
    {
        var folder = new DirectoryInfo(cameraFolder);
        return folder.Exists ? folder.EnumerateFiles("*", AllFiles).Sum(file => file.Length) : 0;
    }

    private static HistoryUnit FolderUnit(string camera, DirectoryInfo directory, DateOnly day, DateOnly today, TimeZoneInfo zone)
    {
        var files = directory.EnumerateFiles("*", AllFiles).ToList();
        if (day > today)
        {
            // A future date (a wrong camera clock, a made-up name) counts as its newest file's day, so it still ages.
            day = Min(files.Count == 0 ? DayOf(directory, zone) : files.Max(f => DayOf(f, zone)), today);
        }

        return new HistoryUnit(camera, day, directory.FullName, [], files.Sum(f => f.Length));
    }

    private static bool TryParseDay(string name, out DateOnly day) =>
        DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static DateOnly DayOf(FileSystemInfo info, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(info.LastWriteTimeUtc, zone));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
