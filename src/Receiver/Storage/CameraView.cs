using System.Globalization;
using Receiver.Abstractions;
using Receiver.Options;

namespace Receiver.Storage;

/// <summary>Which part of the camera's storage a virtual path names.</summary>
internal enum ViewArea
{
    /// <summary>The camera's own namespace: today's folder (daily layout) or the camera folder (camera layout).</summary>
    Live,

    /// <summary>Daily layout, "/.archive/...": the whole camera folder, read-only (deletable with the delete permission).</summary>
    Archive,
}

/// <summary>A virtual path mapped to the real paths it may name.</summary>
/// <param name="Clean">The normalized virtual path.</param>
/// <param name="Area">Live namespace or archive.</param>
/// <param name="Candidates">Where to look, in order: today's folder, then the previous day's during the midnight grace window.</param>
/// <param name="WriteTarget">Where a new entry of this path goes now (today's folder); null in the archive.</param>
/// <param name="RelativePath">The path inside its day folder (daily) or camera folder, "/" for the top.</param>
internal sealed record ViewTarget(string Clean, ViewArea Area, IReadOnlyList<string> Candidates, string? WriteTarget, string RelativePath)
{
    public bool IsTop => RelativePath == VirtualPath.Root;
}

/// <summary>
/// Maps a session's virtual paths to real ones. Daily layout: "/" is today's folder (&lt;camera&gt;/yyyy-MM-dd), so the
/// camera finds its files where it put them; for a grace window after midnight the previous day's folder shows through
/// under it (an upload at 23:59:58 can be checked at 00:00:03); "/.archive" is the whole camera folder, only for accounts
/// that may download or delete. Camera layout: "/" is the camera folder. ".versions" (replaced content) is never live.
/// </summary>
internal sealed class CameraView
{
    public const string ArchiveName = ".archive";
    public const string VersionsName = ".versions";
    public const string ArchivePath = "/" + ArchiveName;

    private readonly TimeProvider _time;
    private readonly TimeSpan _grace;
    private readonly bool _archiveVisible;

    public CameraView(string cameraFolder, StorageLayout layout, TimeProvider time, TimeSpan grace, bool archiveVisible)
    {
        Jail = new PathJail(cameraFolder);
        Daily = layout == StorageLayout.Daily;
        _time = time;
        _grace = grace;
        _archiveVisible = archiveVisible && Daily;
    }

    public PathJail Jail { get; }

    public bool Daily { get; }

    public bool ArchiveVisible => _archiveVisible;

    /// <summary>Today's folder name (yyyy-MM-dd) on the receiver's clock and time zone.</summary>
    public string Today => DayName(_time.GetLocalNow());

    /// <summary>The previous day's folder name while the grace window after midnight lasts; otherwise null.</summary>
    public string? GraceDay
    {
        get
        {
            var now = _time.GetLocalNow();
            return now.TimeOfDay < _grace ? DayName(now.AddDays(-1)) : null;
        }
    }

    /// <summary>The folder that holds today's live entries (daily) or the camera folder.</summary>
    public string LiveRoot => Daily ? Jail.Resolve("/" + Today) : Jail.Root;

    /// <summary>Where replaced content of today is kept, out of the camera's view and swept with its day.</summary>
    public string VersionsRoot => Daily
        ? Path.Combine(Jail.Root, Today, VersionsName)
        : Path.Combine(Jail.Root, VersionsName, Today);

    public static string DayName(DateTimeOffset local) => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public ViewTarget Map(string virtualPath)
    {
        var clean = PathJail.Clean(virtualPath);
        var first = FirstSegment(clean);
        if (first == VersionsName)
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, $"'{VersionsName}' is reserved for the receiver.");
        }

        if (!Daily)
        {
            var real = Jail.Resolve(clean);
            return new ViewTarget(clean, ViewArea.Live, [real], real, clean);
        }

        if (first == ArchiveName)
        {
            if (!_archiveVisible)
            {
                throw new FileSystemException(FileSystemError.PermissionDenied, $"'{ArchivePath}' (earlier days) needs the download or delete permission.");
            }

            var inside = VirtualPath.Normalize(clean[ArchivePath.Length..]);
            return new ViewTarget(clean, ViewArea.Archive, [Jail.Resolve(inside)], null, inside);
        }

        var today = Jail.Resolve("/" + Today + clean);
        var candidates = GraceDay is { } grace ? new[] { today, Jail.Resolve("/" + grace + clean) } : [today];
        return new ViewTarget(clean, ViewArea.Live, candidates, today, clean);
    }

    /// <summary>The target's path inside the same day folder as <paramref name="sourceReal"/>: a rename stays in its day.</summary>
    public string Sibling(string sourceReal, ViewTarget source, ViewTarget target)
    {
        var top = source.IsTop ? sourceReal : sourceReal[..^source.RelativePath.Length];
        var topVirtual = top == Jail.Root ? "" : "/" + Path.GetRelativePath(Jail.Root, top);
        return Jail.Resolve(topVirtual + target.RelativePath);
    }

    private static string FirstSegment(string clean)
    {
        var end = clean.IndexOf('/', 1);
        return end < 0 ? clean[1..] : clean[1..end];
    }
}
