using System.Net;
using System.Net.Sockets;

namespace Receiver.Tests.Support;

/// <summary>A TCP port the system just handed out on loopback, for a child process to listen on.</summary>
public static class FreePort
{
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
