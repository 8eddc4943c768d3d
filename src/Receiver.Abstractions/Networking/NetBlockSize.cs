using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Receiver.Abstractions.Networking;

/// <summary>
/// How client addresses are grouped into one source, as OpenSSH's PerSourceNetBlockSize ("ipv4:ipv6" prefix
/// lengths). The default 32:128 makes every address its own source: on a home LAN all hosts share one IPv6 /64,
/// so grouping by /64 would let one peer lock out every IPv6 camera.
/// </summary>
public readonly record struct NetBlockSize(int IPv4Bits, int IPv6Bits)
{
    public static NetBlockSize Default { get; } = new(32, 128);

    /// <summary>Parses "32:128" (or "24" for IPv4 only, IPv6 staying 128); false on anything else.</summary>
    public static bool TryParse(string? text, out NetBlockSize size)
    {
        size = Default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split(':');
        if (parts.Length > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var v4) || v4 is < 1 or > 32)
        {
            return false;
        }

        var v6 = 128;
        if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out v6) || v6 is < 1 or > 128))
        {
            return false;
        }

        size = new NetBlockSize(v4, v6);
        return true;
    }

    /// <summary>The source an address belongs to: the normalized address with the bits beyond the prefix cleared.</summary>
    public IPAddress SourceOf(IPAddress address)
    {
        address = SourceAddress.Normalize(address);
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? IPv4Bits : IPv6Bits;
        var bytes = address.GetAddressBytes();
        if (bits >= bytes.Length * 8)
        {
            return address;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{IPv4Bits}:{IPv6Bits}");
}
