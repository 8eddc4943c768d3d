using System.Net;
using System.Net.Sockets;

namespace Receiver.Provisioning.Tests.Support;

/// <summary>A port that nothing listens on (bound to 0, read back, released): for "nobody answers" cases only.</summary>
internal static class FreePort
{
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
