using System.Text;

namespace Receiver.Ftp.Session;

/// <summary>Formats FTP replies, single- and multi-line (RFC 959 4.2), as CRLF-terminated text.</summary>
internal static class FtpReply
{
    public static string Line(int code, string text) => $"{code} {Sanitize(text)}\r\n";

    /// <summary>
    /// "code-first", then each body line indented by a space (so none can be mistaken for the end line), then "code last".
    /// </summary>
    public static string Multi(int code, string first, IEnumerable<string> body, string last)
    {
        var builder = new StringBuilder();
        builder.Append(code).Append('-').Append(Sanitize(first)).Append("\r\n");
        foreach (var line in body)
        {
            builder.Append(' ').Append(Sanitize(line)).Append("\r\n");
        }

        builder.Append(code).Append(' ').Append(Sanitize(last)).Append("\r\n");
        return builder.ToString();
    }

    /// <summary>Quotes a path for 257 replies: embedded double quotes are doubled (RFC 959 appendix II).</summary>
    public static string QuotePath(string path) => "\"" + path.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // A CR or LF inside a reply (e.g. from a file name) would let a client inject reply lines.
    private static string Sanitize(string text) =>
        text.AsSpan().IndexOfAny('\r', '\n') < 0 ? text : text.Replace('\r', ' ').Replace('\n', ' ');
}
