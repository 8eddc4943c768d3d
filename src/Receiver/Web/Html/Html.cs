using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Receiver.Web.Html;

/// <summary>Our own HTML rendering (no Razor, which NativeAOT lacks): every value goes through <see cref="E"/>.</summary>
internal static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>A path segment for a URL (camera names, days, file names).</summary>
    public static string U(string text) => Uri.EscapeDataString(text);

    public static IResult Page(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static string Ago(TimeSpan span) => span.TotalSeconds switch
    {
        < 0 => "just now",
        < 60 => $"{(int)span.TotalSeconds} s ago",
        < 3600 => $"{(int)span.TotalMinutes} min ago",
        < 86400 => $"{(int)span.TotalHours} h ago",
        _ => $"{(int)span.TotalDays} days ago",
    };

    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
