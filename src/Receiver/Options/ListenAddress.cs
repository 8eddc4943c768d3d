using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Receiver.Options;

/// <summary>
/// The one reading of a "ListenAddress" setting (Ssh, Ftp, Web): "*" (or empty) is every address, IPv6 and IPv4
/// alike where the system has IPv6; anything else must be one IP address.
/// </summary>
public static class ListenAddress
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out IPAddress? address)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed is "*" or "")
        {
            address = Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any;
            return true;
        }

        return IPAddress.TryParse(trimmed, out address);
    }

    /// <summary>The address to listen on; the setting was validated at start.</summary>
    public static IPAddress Parse(string? text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not '*' or an IP address.");

    /// <summary>True for "every address" ("*", 0.0.0.0, ::).</summary>
    public static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    /// <summary>Where a local probe reaches a listener on <paramref name="text"/>: loopback, unless bound to one address.</summary>
    public static IPAddress ProbeTarget(string? text) =>
        TryParse(text, out var address) && !IsAny(address) ? address : IPAddress.Loopback;
}
