using System.Globalization;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Storage;

namespace Receiver.Web.Files;

/// <summary>One committed file of a camera's day: its path inside the day folder ('/'-separated), size and time.</summary>
public sealed record DayFile(string Camera, string Day, string RelativePath, long Size, DateTimeOffset Modified)
{
    public string Name => RelativePath[(RelativePath.LastIndexOf('/') + 1)..];

    /// <summary>"camera/day/path" with each segment escaped, for the gallery's own routes.</summary>
    public string UrlPath => string.Join('/', new[] { Camera, Day }.Concat(RelativePath.Split('/')).Select(Uri.EscapeDataString));
}

/// <summary>
/// The camera folders as the page reads them: day folders, the files of a day, and the one way a URL path reaches a
/// file: a known camera, a real day, and <see cref="PathJail"/>'s check that the path stays in that day folder.
/// </summary>
public sealed class CameraFiles(DataPaths paths, AccountStore accounts)
{
    public const string DayFormat = "yyyy-MM-dd";

    public DataPaths Paths => paths;

    /// <summary>The camera's day folders, newest first.</summary>
    public IReadOnlyList<string> Days(string camera)
    {
        var folder = new DirectoryInfo(paths.CameraFolder(camera));
        if (!folder.Exists)
        {
            return [];
        }

        return [.. folder.EnumerateDirectories()
            .Where(d => d.LinkTarget is null && IsDay(d.Name))
            .Select(d => d.Name)
            .OrderByDescending(d => d, StringComparer.Ordinal)];
    }

    /// <summary>Every visible file of one day, newest first.</summary>
    public IReadOnlyList<DayFile> Files(string camera, string day)
    {
        if (!IsCamera(camera) || !IsDay(day))
        {
            return [];
        }

        var folder = new DirectoryInfo(Path.Combine(paths.CameraFolder(camera), day));
        if (!folder.Exists || folder.LinkTarget is not null)
        {
            return [];
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.ReparsePoint };
        return [.. folder.EnumerateFiles("*", options)
            .Where(f => !f.Name.StartsWith('.'))
            .Select(f => new DayFile(camera, day, Path.GetRelativePath(folder.FullName, f.FullName).Replace(Path.DirectorySeparatorChar, '/'), f.Length, f.LastWriteTimeUtc))
            .OrderByDescending(f => f.Modified)
            .ThenByDescending(f => f.RelativePath, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The file a URL names, or null. Routing leaves "%2F" encoded: the path is decoded here, and only the fully
    /// decoded form is judged, by the jail (so an encoded slash or dot is refused like a plain one).
    /// </summary>
    public string? Resolve(string camera, string day, string escapedPath)
    {
        if (!IsCamera(camera) || !IsDay(day))
        {
            return null;
        }

        var relative = Uri.UnescapeDataString(escapedPath);
        if (relative.Length == 0 || relative.Split('/').Any(s => s is "" or "." or ".." || s.StartsWith('.')))
        {
            return null;
        }

        try
        {
            var jail = new PathJail(paths.CameraFolder(camera));
            var full = jail.Resolve("/" + day + "/" + relative);
            var dayFolder = Path.Combine(jail.Root, day) + Path.DirectorySeparatorChar;
            return full.StartsWith(dayFolder, StringComparison.Ordinal) && File.Exists(full) ? full : null;
        }
        catch (FileSystemException)
        {
            return null;
        }
    }

    /// <summary>A committed upload's place in the gallery, or null when it is outside a day folder (layout "camera").</summary>
    public DayFile? Describe(string camera, string finalPath, long size, DateTimeOffset time)
    {
        var relative = Path.GetRelativePath(paths.CameraFolder(camera), finalPath).Replace(Path.DirectorySeparatorChar, '/');
        var slash = relative.IndexOf('/');
        return slash > 0 && IsDay(relative[..slash]) && !relative.StartsWith("..", StringComparison.Ordinal)
            ? new DayFile(camera, relative[..slash], relative[(slash + 1)..], size, time)
            : null;
    }

    public bool IsCamera(string camera) => CameraName.IsValid(camera) && accounts.Find(camera) is not null;

    public static bool IsDay(string text) =>
        text.Length == 10 && DateOnly.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
