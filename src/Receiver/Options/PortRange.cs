using System.Globalization;

namespace Receiver.Options;

/// <summary>Parses "first-last" port ranges such as "50000-50100".</summary>
public static class PortRange
{
    public static bool TryParse(string? text, out (int First, int Last) range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || first < 1 || last > 65535 || first > last)
        {
            return false;
        }

        range = (first, last);
        return true;
    }
}
