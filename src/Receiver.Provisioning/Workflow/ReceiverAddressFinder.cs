using System.Net;
using System.Net.Sockets;

namespace Receiver.Provisioning.Workflow;

/// <summary>This machine's address on the route to the camera: what the camera most likely reaches us at (no NAT, no Docker bridge).</summary>
public static class ReceiverAddressFinder
{
    public static async Task<string> FindAsync(string cameraHost, CancellationToken cancellationToken)
    {
        IPAddress target;
        if (!IPAddress.TryParse(cameraHost.Trim('[', ']'), out var parsed))
        {
            var addresses = await Dns.GetHostAddressesAsync(cameraHost, cancellationToken).ConfigureAwait(false);
            target = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.First();
        }
        else
        {
            target = parsed;
        }

        // A UDP "connect" sends nothing; it only asks the kernel which source address the route uses.
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(target, 9);
        var local = ((IPEndPoint)socket.LocalEndPoint!).Address;
        return (local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local).ToString();
    }
}
