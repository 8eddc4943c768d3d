using System.Globalization;
using Receiver.Abstractions;

namespace Receiver.Ssh.Sftp;

/// <summary>
/// The "longname" of a READDIR entry, laid out as OpenSSH's ls_file() does ("%s %3u %-8s %-8s %8llu %s %s"),
/// because clients print it verbatim for `ls -l` and some parse it.
/// </summary>
internal static class SftpLongName
{
    private static readonly TimeSpan RecentWindow = TimeSpan.FromDays(365.0 / 2);

    public static string Format(FileEntry entry, in SftpAttributes attributes, string owner, DateTimeOffset now)
    {
        var mode = FormatMode(attributes.Permissions, entry.IsDirectory);
        var modified = entry.LastWriteTime.ToUniversalTime();
        var age = now - modified;
        var time = age >= TimeSpan.Zero && age < RecentWindow
            ? modified.ToString("MMM ", CultureInfo.InvariantCulture) + modified.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) + modified.ToString(" HH:mm", CultureInfo.InvariantCulture)
            : modified.ToString("MMM ", CultureInfo.InvariantCulture) + modified.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) + modified.ToString("  yyyy", CultureInfo.InvariantCulture);
        var links = entry.IsDirectory ? 2 : 1;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{mode}  {links,3} {owner,-8} {owner,-8} {attributes.Size,8} {time} {entry.Name}");
    }

    /// <summary>"drwxr-xr-x" as strmode(3) writes it; its trailing space is in the format above.</summary>
    private static string FormatMode(uint permissions, bool isDirectory)
    {
        Span<char> mode = stackalloc char[10];
        mode[0] = isDirectory ? 'd' : '-';
        const string letters = "rwxrwxrwx";
        for (var i = 0; i < 9; i++)
        {
            mode[i + 1] = (permissions & (1u << (8 - i))) != 0 ? letters[i] : '-';
        }

        return new string(mode);
    }
}
