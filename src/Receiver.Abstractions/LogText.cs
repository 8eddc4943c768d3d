using System.Globalization;
using System.Text;

namespace Receiver.Abstractions;

/// <summary>
/// Client-supplied text (user names, commands, paths, the SSH version line and disconnect text) made safe for a log
/// line: control and format characters, bidirectional overrides, line separators and the backslash are written as
/// \xNN or \uNNNN, so a client can neither forge log lines nor send terminal escapes to whoever reads them; very
/// long text is cut. Used by both servers.
/// </summary>
public static class LogText
{
    public const int MaxLength = 200;

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text.Length <= MaxLength && !text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxLength) + 16);
        foreach (var c in text)
        {
            if (builder.Length >= MaxLength)
            {
                builder.Append("...");
                break;
            }

            if (NeedsEscape(c))
            {
                builder.Append(c <= 0xff ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c == '\\' || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}
