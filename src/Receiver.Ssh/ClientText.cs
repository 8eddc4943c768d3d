using System.Globalization;
using System.Text;

namespace Receiver.Ssh;

/// <summary>
/// A client-supplied string (user name, version line, disconnect text, request names) made safe for a log line:
/// control and format characters escaped (no forged lines, no terminal escapes, no bidirectional overrides) and
/// the length capped.
/// </summary>
internal static class ClientText
{
    private const int MaxLength = 200;

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var clean = true;
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                clean = false;
                break;
            }
        }

        if (clean && text.Length <= MaxLength)
        {
            return text;
        }

        var sb = new StringBuilder(Math.Min(text.Length, MaxLength) + 16);
        foreach (var c in text)
        {
            if (sb.Length >= MaxLength)
            {
                sb.Append("...");
                break;
            }

            if (NeedsEscape(c))
            {
                sb.Append(c <= 0xff ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c == '\\' || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}
