using System.Globalization;

namespace CameraEmulator;

/// <summary>The value rules the emulated firmware applies (a failed rule answers 202 "invalid value").</summary>
internal static class ParamValidation
{
    public static Func<string, bool> IntRange(int min, int max) =>
        v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max;

    public static readonly Func<string, bool> Flag = v => v is "0" or "1";

    public static readonly Func<string, bool> Text = v => v.Length <= 127 && !v.Any(c => char.IsControl(c) || c == '"');

    public static readonly Func<string, bool> NonEmptyText = v => v.Length > 0 && Text(v);

    public static readonly Func<string, bool> FileName = v => v.Length is > 0 and <= 63 && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    public static readonly Func<string, bool> Base64Key = v =>
    {
        var buffer = new byte[v.Length];
        return v.Length > 0 && Convert.TryFromBase64String(v, buffer, out var n) && n >= 16;
    };

    /// <summary>"seconds-bitmask" entries, comma-separated: seconds 0…86340, mask 1…127.</summary>
    public static readonly Func<string, bool> ScheduleTimes = v => v.Split(',').All(entry =>
    {
        var parts = entry.Split('-');
        return parts.Length == 2 && IntRange(0, 86340)(parts[0]) && IntRange(1, 127)(parts[1]);
    });

    public static readonly IReadOnlyDictionary<string, Func<string, bool>> FtpAttr = new Dictionary<string, Func<string, bool>>
    {
        ["ft_server"] = NonEmptyText,
        ["ft_port"] = IntRange(1, 65535),
        ["ft_username"] = Text,
        ["ft_password"] = Text,
        ["ft_mode"] = Flag,
        ["ft_dirname"] = Text,
        ["ft_autocreatedir"] = Flag,
        ["ft_dirmode"] = Flag,
        ["ft_ssl"] = IntRange(0, 2),
        ["ft_insecure"] = Flag,
    };

    public static readonly IReadOnlyDictionary<string, Func<string, bool>> SnapSchedule = new Dictionary<string, Func<string, bool>>
    {
        ["mode"] = Flag,
        ["prefix"] = Flag,
        ["name"] = FileName,
        ["enable"] = Flag,
        ["times"] = ScheduleTimes,
    };

    public static readonly IReadOnlyDictionary<string, Func<string, bool>> SnapTimer = new Dictionary<string, Func<string, bool>>
    {
        ["mode"] = Flag,
        ["prefix"] = Flag,
        ["name"] = FileName,
    };
}
