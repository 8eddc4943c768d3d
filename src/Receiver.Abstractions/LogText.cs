using System.Globalization;
using System.Text;

namespace Receiver.Abstractions;

/// <summary>
/// Client-supplied text (user names, commands, paths) made safe for a log line: control characters (C0, DEL, C1,
/// Unicode line and paragraph separators) are written as \xNN or \uNNNN, so a client can neither forge log lines
/// nor send terminal escapes to whoever reads them; very long text is cut.
/// </summary>
public static class LogText
{
    public const int MaxLength = 256;

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (!NeedsWork(text))
        {
            return text;
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxLength) + 16);
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, MaxLength)))
        {
            if (c is < ' ' or '\u007f' or (>= '\u0080' and <= '\u009f'))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else if (c is '\u2028' or '\u2029')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        if (text.Length > MaxLength)
        {
            builder.Append("...");
        }

        return builder.ToString();
    }

    private static bool NeedsWork(string text)
    {
        if (text.Length > MaxLength)
        {
            return true;
        }

        foreach (var c in text)
        {
            if (c is < ' ' or '\u007f' or (>= '\u0080' and <= '\u009f') or '\u2028' or '\u2029')
            {
                return true;
            }
        }

        return false;
    }
}
