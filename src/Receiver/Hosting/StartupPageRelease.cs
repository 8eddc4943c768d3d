using System.Globalization;
using System.Runtime.InteropServices;

namespace Receiver.Hosting;

/// <summary>
/// Gives back the pages of the program's own files (its code and read-only data) that only start-up touched:
/// configuration binding, DI, option validation and key loading run once, and their code would stay resident in
/// an idle receiver (14 of a NativeAOT build's 31 MB idle RSS, bench/README.md). Linux's MADV_PAGEOUT (5.4+)
/// reclaims those clean, read-only file pages; what runs later (an upload) reads its pages back as it needs them.
/// Only read-only mappings of files in the program's folder are named, so no written page is ever swapped out,
/// and the shared libraries (libc, OpenSSL), which other processes map too, are left alone. A no-op elsewhere.
/// </summary>
internal static partial class StartupPageRelease
{
    private const int MadvPageout = 21;

    /// <summary>Returns the bytes named for reclaim (0 where the call is missing or refused).</summary>
    public static long Release()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(AppContext.BaseDirectory)) + Path.DirectorySeparatorChar;
        long named = 0;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                // "start-end perms offset dev inode path"
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 6 || fields[1].Contains('w') || !fields[5].StartsWith(folder, StringComparison.Ordinal))
                {
                    continue;
                }

                var range = fields[0].Split('-');
                var start = ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var end = ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (Madvise((nint)start, (nuint)(end - start), MadvPageout) == 0)
                {
                    named += (long)(end - start);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EntryPointNotFoundException or DllNotFoundException or FormatException)
        {
            // No /proc, or no madvise: the pages stay, as they would without this.
        }

        return named;
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);
}
