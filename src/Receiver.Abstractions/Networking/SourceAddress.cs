using System.Net;

namespace Receiver.Abstractions.Networking;

/// <summary>Client addresses as the servers count them: IPv4-mapped IPv6 addresses unmapped, then grouped by net block.</summary>
public static class SourceAddress
{
    /// <summary>"::ffff:192.0.2.1" (a dual-mode socket's view of an IPv4 client) becomes "192.0.2.1".</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>The normalized address of an endpoint, or null when it is not an IP endpoint.</summary>
    public static IPAddress? Of(EndPoint? endPoint) => endPoint is IPEndPoint ip ? Normalize(ip.Address) : null;

    /// <summary>The endpoint with its address normalized.</summary>
    public static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
}
