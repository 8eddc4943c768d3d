using System.Globalization;
using System.Runtime.InteropServices;

namespace Receiver.Storage;

/// <summary>
/// Keeps the content a same-named upload replaces: a hard link to the old file goes into the day's ".versions" folder
/// before the new file is renamed over the name, so the name never disappears and the old bytes are never copied.
/// Versions are named &lt;name&gt;.~yyyyMMdd-HHmmss-fff~ after the moment they were replaced.
/// </summary>
internal static partial class VersionKeeper
{
    private const int Eexist = 17;

    /// <summary>Links <paramref name="file"/> (at <paramref name="relativePath"/> in its day) under <paramref name="versionsRoot"/>; returns the version's path.</summary>
    public static string Keep(string file, string relativePath, string versionsRoot, DateTimeOffset replacedAt)
    {
        var folder = Path.Combine(versionsRoot, Path.GetDirectoryName(relativePath.TrimStart('/')) ?? "");
        Directory.CreateDirectory(folder);
        var stamp = replacedAt.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        for (var attempt = 0; ; attempt++)
        {
            var name = attempt == 0 ? $"{Path.GetFileName(file)}.~{stamp}~" : $"{Path.GetFileName(file)}.~{stamp}-{attempt}~";
            var version = Path.Combine(folder, name);
            if (Link(file, version) == 0)
            {
                return version;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Eexist || attempt > 100)
            {
                throw new IOException($"Cannot keep the previous version of {Path.GetFileName(file)} (errno {errno}).");
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);
}
