using System.Globalization;

namespace Receiver.Abstractions.Networking;

/// <summary>
/// OpenSSH's MaxStartups "start:rate:full" for connections that have not logged in yet: below start every one is
/// admitted; from start on a new one is dropped with probability rate %, rising linearly to 100 % at full.
/// </summary>
public readonly record struct MaxStartups(int Start, int Rate, int Full)
{
    /// <summary>A hard cap without early drop: every connection is admitted up to <paramref name="full"/>.</summary>
    public static MaxStartups Cap(int full) => new(full, 100, full);

    /// <summary>Parses "start:rate:full" (1 &lt;= start &lt;= full, 1 &lt;= rate &lt;= 100) or a single number (a hard cap).</summary>
    public static bool TryParse(string? text, out MaxStartups value)
    {
        value = default;
        var parts = (text ?? "").Split(':');
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        value = numbers.Length switch
        {
            1 => Cap(numbers[0]),
            3 => new MaxStartups(numbers[0], numbers[1], numbers[2]),
            _ => default,
        };
        return value.Start >= 1 && value.Start <= value.Full && value.Rate is >= 1 and <= 100;
    }

    /// <summary>Whether a new connection, arriving while <paramref name="pending"/> have not logged in, is dropped.</summary>
    public bool ShouldDrop(int pending, Random random)
    {
        if (pending < Start)
        {
            return false;
        }

        if (pending >= Full)
        {
            return true;
        }

        var percent = Rate + ((100 - Rate) * (pending - Start) / (Full - Start));
        return random.Next(100) < percent;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Start}:{Rate}:{Full}");
}
