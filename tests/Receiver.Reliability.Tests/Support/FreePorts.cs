using System.Net;
using System.Net.Sockets;

namespace Receiver.Reliability.Tests.Support;

/// <summary>
/// Ports for a receiver child process. The host treats port 0 as "off", so the test asks the kernel for a free
/// port, releases it and hands the number over; the child's "listening on" log line confirms it got it.
/// </summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
