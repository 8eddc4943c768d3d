using System.Globalization;
using System.Text;
using Receiver.Abstractions;

namespace Receiver.Ftp.Listing;

/// <summary>Text forms of directory entries: LIST (ls -l style), NLST (names) and MLSD/MLST facts (RFC 3659).</summary>
internal static class ListingFormatter
{
    public static string ListLine(FileEntry entry, DateTimeOffset now)
    {
        var time = entry.LastWriteTime.ToUniversalTime();

        // ls shows the year instead of the time for entries older than about six months.
        var stamp = Math.Abs((now - time).TotalDays) > 180
            ? time.ToString("MMM dd  yyyy", CultureInfo.InvariantCulture)
            : time.ToString("MMM dd HH:mm", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{Permissions(entry)} 1 ftp ftp {entry.Size,12} {stamp} {entry.Name}");
    }

    public static string Facts(FileEntry entry, string? type = null)
    {
        var builder = new StringBuilder();
        builder.Append("type=").Append(type ?? (entry.IsDirectory ? "dir" : "file")).Append(';');
        if (!entry.IsDirectory)
        {
            builder.Append("size=").Append(entry.Size.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        builder.Append("modify=").Append(Timestamp(entry.LastWriteTime)).Append(';');
        builder.Append("perm=").Append(entry.IsDirectory ? "cdeflmp" : "adfrw").Append(';');
        builder.Append(' ').Append(entry.Name);
        return builder.ToString();
    }

    /// <summary>The YYYYMMDDHHMMSS form (UTC) of MDTM and the MLSx "modify" fact.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static bool TryParseTimestamp(string text, out DateTimeOffset time)
    {
        var digits = text.Length > 14 && text[14] == '.' ? text[..14] : text;
        return DateTimeOffset.TryParseExact(digits, "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    private static string Permissions(FileEntry entry)
    {
        Span<char> chars = stackalloc char[10];
        chars[0] = entry.IsDirectory ? 'd' : '-';
        var mode = entry.Mode == UnixFileMode.None
            ? (entry.IsDirectory ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100)
            : entry.Mode;
        const string letters = "rwxrwxrwx";
        for (var i = 0; i < 9; i++)
        {
            chars[i + 1] = ((int)mode & (1 << (8 - i))) != 0 ? letters[i] : '-';
        }

        return new string(chars);
    }
}
